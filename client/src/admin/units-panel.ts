// Units: call sign, skills, shift and home base; a new unit joins matching at once.
import type { Unit } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { notify } from '../shared/header.js';
import { unitStatusLabels } from '../shared/labels.js';
import { adminApi } from './admin-api.js';
import { dateTime, fromLocalInput, skillLabels, skills, toLocalInput } from './admin-labels.js';
import { dialogButtons, editDialog, input, scrollTable } from './admin-ui.js';
import { clearErrors, formError, labelled, showErrors } from '../shared/form-errors.js';

/** The unit's editable fields as controls, and a reader that turns them into a request body. */
function unitFields(unit: Unit | undefined) {
  const callSign = input('callSign', { value: unit?.callSign ?? '', required: true });
  const checks = skills.map((skill) =>
    input('skills', {
      type: 'checkbox',
      value: skill,
      checked: unit?.skills.includes(skill) ?? false,
    }),
  );
  const starts = input('startsAt', {
    type: 'datetime-local',
    value: toLocalInput(unit?.shift.startsAt ?? null),
  });
  const ends = input('endsAt', {
    type: 'datetime-local',
    value: toLocalInput(unit?.shift.endsAt ?? null),
  });
  const baseName = input('homeBase', { value: unit?.homeBase.name ?? '' });
  const lat = input('lat', { type: 'number', step: 'any', value: unit?.homeBase.lat ?? '' });
  const lng = input('lng', { type: 'number', step: 'any', value: unit?.homeBase.lng ?? '' });
  const nodes = [
    formError(),
    labelled('Call sign', callSign, 'callSign'),
    el(
      'fieldset',
      { className: 'skill-checks' },
      el('legend', { text: 'Skills' }),
      ...checks.map((c, i) =>
        el('label', { className: 'admin-check' }, c, ` ${skillLabels[skills[i]!]}`),
      ),
      el('span', { className: 'field-error', dataset: { errorFor: 'skills' } }),
    ),
    el(
      'fieldset',
      {},
      el('legend', { text: 'Shift (blank start: off shift; blank end: until ended)' }),
      labelled('Starts', starts, 'shift.startsAt'),
      labelled('Ends', ends, 'shift.endsAt'),
      el('span', { className: 'field-error', dataset: { errorFor: 'shift' } }),
    ),
    el(
      'fieldset',
      {},
      el('legend', { text: 'Home base' }),
      labelled('Name', baseName, 'homeBase.name'),
      labelled('Latitude', lat, 'homeBase.lat'),
      labelled('Longitude', lng, 'homeBase.lng'),
      el('span', { className: 'field-error', dataset: { errorFor: 'homeBase' } }),
    ),
  ];
  const num = (i: HTMLInputElement) => (i.value.trim() === '' ? null : Number(i.value));
  const read = () => ({
    callSign: callSign.value,
    skills: checks.filter((c) => c.checked).map((c) => c.value),
    shift: { startsAt: fromLocalInput(starts.value), endsAt: fromLocalInput(ends.value) },
    homeBase: { name: baseName.value, lat: num(lat), lng: num(lng) },
  });
  return { nodes, read };
}

export function createUnitsPanel(panel: HTMLElement, onChanged: () => Promise<void>) {
  let units: Unit[] = [];
  const { region, body } = scrollTable(
    'Units',
    ['Call sign', 'Skills', 'Status', 'Shift', 'Home base', ''],
    'units-table',
  );
  const edit = editDialog('Edit unit', 'unit-dialog');
  const create = el('button', { text: 'New unit', testId: 'new-unit', attrs: { type: 'button' } });
  create.addEventListener('click', () => openEdit(undefined));
  replaceChildren(
    panel,
    el('h2', { id: 'units-title', text: 'Units' }),
    create,
    region,
    edit.dialog,
  );

  function openEdit(unit: Unit | undefined): void {
    const fields = unitFields(unit);
    edit.open(
      unit?.callSign ?? 'new unit',
      ...fields.nodes,
      dialogButtons(unit ? 'Save' : 'Create unit', edit.close),
    );
    edit.form.onsubmit = async (event) => {
      event.preventDefault();
      clearErrors(edit.form);
      try {
        const saved = unit
          ? await adminApi.updateUnit(unit.id, fields.read())
          : await adminApi.createUnit(fields.read());
        edit.close();
        notify(`Saved ${saved.callSign}`);
        await onChanged();
      } catch (err) {
        showErrors(edit.form, err);
      }
    };
  }

  function shiftText(u: Unit): string {
    if (!u.shift.startsAt) return 'Off shift';
    return `${u.onShift ? 'On shift' : 'Not on shift'}: ${dateTime(u.shift.startsAt)} – ${
      u.shift.endsAt ? dateTime(u.shift.endsAt) : 'until ended'
    }`;
  }

  function render(): void {
    replaceChildren(
      body,
      ...units.map((u) => {
        const button = el('button', {
          className: 'secondary small',
          text: 'Edit',
          dataset: { focusKey: `unit:${u.id}` },
          attrs: { type: 'button', 'aria-label': `Edit ${u.callSign}` },
        });
        button.addEventListener('click', () => openEdit(u));
        return el(
          'tr',
          { dataset: { unitId: u.id } },
          el('th', { text: u.callSign, attrs: { scope: 'row' } }),
          el('td', {
            text:
              u.skills.map((s) => skillLabels[s as keyof typeof skillLabels] ?? s).join(', ') ||
              '—',
          }),
          el('td', { text: unitStatusLabels[u.status] }),
          el('td', { text: shiftText(u) }),
          el('td', { text: u.homeBase.name }),
          el('td', {}, button),
        );
      }),
    );
  }

  return {
    update(next: Unit[]) {
      units = next;
      render();
    },
  };
}
