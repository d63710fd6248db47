// Destinations: type, address and location, age range, weekly hours and closures.
import type { Destination } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { notify } from '../shared/header.js';
import { capacityLabels, destinationTypeLabels } from '../shared/labels.js';
import { adminApi } from './admin-api.js';
import { dateTime, weekdayLabels } from './admin-labels.js';
import { dialogButtons, editDialog, input, scrollTable, select } from './admin-ui.js';
import { clearErrors, formError, labelled, showErrors } from '../shared/form-errors.js';
import { closuresEditor, hoursEditor } from './schedule-editor.js';

const types = Object.entries(destinationTypeLabels).map(
  ([key, { label }]) => [key, label] as [string, string],
);

function destinationFields(d: Destination | undefined) {
  const name = input('name', { value: d?.name ?? '', required: true });
  const type = select('type', types, d?.type ?? 'cp_clinic');
  const address = input('address', { value: d?.address ?? '' });
  const building = input('building', { value: d?.building ?? '' });
  const lat = input('lat', { type: 'number', step: 'any', value: d?.location.lat ?? '' });
  const lng = input('lng', { type: 'number', step: 'any', value: d?.location.lng ?? '' });
  const minAge = input('minAge', { type: 'number', min: 0, max: 130, value: d?.ageRange.min ?? 0 });
  const maxAge = input('maxAge', {
    type: 'number',
    min: 0,
    max: 130,
    value: d?.ageRange.max ?? '',
  });
  const active = input('active', { type: 'checkbox', checked: d?.active ?? true });
  const hours = hoursEditor(d?.hours ?? []);
  const closures = closuresEditor(d?.closures ?? []);
  const num = (i: HTMLInputElement) => (i.value.trim() === '' ? null : Number(i.value));
  return {
    nodes: [
      formError(),
      labelled('Name', name, 'name'),
      labelled('Type', type, 'type'),
      labelled('Address', address, 'address'),
      labelled('Building or room (optional)', building, 'building'),
      el(
        'div',
        { className: 'row two' },
        labelled('Latitude', lat, 'location.lat'),
        labelled('Longitude', lng, 'location.lng'),
      ),
      el(
        'div',
        { className: 'row two' },
        labelled('Youngest age taken', minAge, 'ageRange.min'),
        labelled('Oldest age taken (blank: no limit)', maxAge, 'ageRange.max'),
      ),
      el(
        'label',
        { className: 'admin-check' },
        active,
        ' Active (inactive sites are never matched)',
      ),
      hours.node,
      closures.node,
    ],
    read: () => ({
      name: name.value,
      type: type.value,
      address: address.value,
      building: building.value.trim() || null,
      location: { lat: num(lat), lng: num(lng) },
      ageRange: { min: num(minAge), max: num(maxAge) },
      active: active.checked,
      hours: hours.read(),
      closures: closures.read(),
    }),
  };
}

function hoursText(d: Destination): string {
  if (!d.hours.length) return 'No hours: never open';
  const allDay =
    d.hours.length === 7 && d.hours.every((h) => h.opens === '00:00' && h.closes === '24:00');
  if (allDay) return 'Open 24/7';
  return d.hours
    .map((h) => `${weekdayLabels[h.weekday]?.slice(0, 3)} ${h.opens}–${h.closes}`)
    .join(', ');
}

export function createDestinationsPanel(panel: HTMLElement, onChanged: () => Promise<void>) {
  let destinations: Destination[] = [];
  const { region, body } = scrollTable(
    'Destinations',
    ['Name', 'Type', 'Ages', 'Hours', 'Closures', 'Capacity', 'Status', ''],
    'destinations-table',
  );
  const edit = editDialog('Edit destination', 'destination-dialog');
  const create = el('button', {
    text: 'New destination',
    testId: 'new-destination',
    attrs: { type: 'button' },
  });
  create.addEventListener('click', () => openEdit(undefined));
  replaceChildren(
    panel,
    el('h2', { id: 'destinations-title', text: 'Destinations' }),
    create,
    region,
    edit.dialog,
  );

  function openEdit(d: Destination | undefined): void {
    const fields = destinationFields(d);
    edit.open(
      d?.name ?? 'new destination',
      ...fields.nodes,
      dialogButtons(d ? 'Save' : 'Create destination', edit.close),
    );
    edit.form.onsubmit = async (event) => {
      event.preventDefault();
      clearErrors(edit.form);
      try {
        const saved = d
          ? await adminApi.updateDestination(d.id, fields.read())
          : await adminApi.createDestination(fields.read());
        edit.close();
        notify(`Saved ${saved.name}`);
        await onChanged();
      } catch (err) {
        showErrors(edit.form, err);
      }
    };
  }

  function render(): void {
    replaceChildren(
      body,
      ...destinations.map((d) => {
        const button = el('button', {
          className: 'secondary small',
          text: 'Edit',
          dataset: { focusKey: `destination:${d.id}` },
          attrs: { type: 'button', 'aria-label': `Edit ${d.name}` },
        });
        button.addEventListener('click', () => openEdit(d));
        return el(
          'tr',
          { dataset: { destinationId: d.id } },
          el('th', { text: d.name, attrs: { scope: 'row' } }),
          el('td', { text: destinationTypeLabels[d.type]?.label ?? d.type }),
          el('td', {
            text:
              d.ageRange.max === null
                ? `${d.ageRange.min}+`
                : `${d.ageRange.min}–${d.ageRange.max}`,
          }),
          el('td', { text: hoursText(d) }),
          el('td', {
            text: d.closures.length
              ? d.closures
                  .map((c) => `${dateTime(c.startsAt)} – ${dateTime(c.endsAt)}: ${c.reason}`)
                  .join('; ')
              : '—',
          }),
          el('td', { text: capacityLabels[d.capacity] }),
          el('td', { text: d.active ? 'Active' : 'Inactive' }),
          el('td', {}, button),
        );
      }),
    );
  }

  return {
    update(next: Destination[]) {
      destinations = next;
      render();
    },
  };
}
