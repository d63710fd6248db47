// The site keeps its own directory entry: capacity (a radio group, saved on
// change) and weekly hours and closures (saved together). Matching uses each
// change from the very next call; dispatch's map hears of it live.
import { api, ApiError } from '../api.js';
import { clearErrors, formError, showErrors } from '../shared/form-errors.js';
import { closuresEditor, hoursEditor } from '../admin/schedule-editor.js';
import { runInBackground } from '../shared/background.js';
import type { Capacity, Destination } from '../shared/contract.js';
import { capacities } from '../../../shared/directory.js';
import { el, replaceChildren } from '../shared/dom.js';
import { notify } from '../shared/header.js';
import { capacityLabels, formatDateTime } from '../shared/labels.js';

const capacityHints: Record<Capacity, string> = {
  green: 'taking patients',
  amber: 'busy: taking patients, slower',
  red: 'full: no new patients',
};

export interface SiteEntry {
  /** The entry changed (saved here, or by an admin or lead): redraw unless staff are editing it. */
  update(destination: Destination): void;
}

export function createSiteEntry(root: HTMLElement, initial: Destination): SiteEntry {
  let site = initial;
  /** Hours or closures edited and not yet saved: a live update must not wipe them. */
  let editing = false;
  let scheduleOpen = false;

  const capacityGroup = () => {
    const group = el('span', { className: 'segmented capacity-choices' });
    for (const capacity of capacities) {
      const id = `own-capacity-${capacity}`;
      const radio = el('input', {
        id,
        attrs: {
          type: 'radio',
          name: 'own-capacity',
          value: capacity,
          checked: capacity === site.capacity,
        },
      });
      radio.addEventListener('change', () => runInBackground(setCapacity(capacity)));
      group.append(
        radio,
        el('label', {
          className: `choice-${capacity}`,
          text: capacityLabels[capacity],
          attrs: { for: id },
        }),
      );
    }
    return el(
      'div',
      {
        className: `capacity-row capacity-${site.capacity}`,
        testId: 'own-capacity',
        dataset: { capacity: site.capacity },
      },
      el(
        'div',
        { id: 'own-capacity-title' },
        el('strong', { text: 'Capacity now' }),
        el('small', {
          className: 'muted',
          text: ` ${capacityHints[site.capacity]} · set ${formatDateTime(site.capacityUpdatedAt)}`,
        }),
      ),
      el('div', { attrs: { role: 'radiogroup', 'aria-labelledby': 'own-capacity-title' } }, group),
    );
  };

  const render = () => {
    const hours = hoursEditor(site.hours);
    const closures = closuresEditor(site.closures);
    const save = el('button', {
      text: 'Save hours and closures',
      testId: 'save-schedule',
      attrs: { type: 'submit' },
    });
    const form = el(
      'form',
      { className: 'schedule-form', testId: 'schedule-form', attrs: { novalidate: true } },
      formError(),
      hours.node,
      closures.node,
      save,
    );
    form.addEventListener('input', () => (editing = true));
    form.addEventListener('click', (event) => {
      // Adding or removing a row is an edit too.
      if (event.target instanceof HTMLButtonElement && event.target !== save) editing = true;
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      runInBackground(saveSchedule(form, save, { hours: hours.read(), closures: closures.read() }));
    });
    // Hours change seldom, capacity often: the schedule folds away (and stays as staff left it).
    const details = el(
      'details',
      { className: 'schedule-details', testId: 'schedule-details', attrs: { open: scheduleOpen } },
      el('summary', { text: `Weekly hours and closures (${scheduleSummary(site)})` }),
      form,
    );
    details.addEventListener('toggle', () => (scheduleOpen = details.open));
    replaceChildren(root, capacityGroup(), details);
  };

  const setCapacity = async (capacity: Capacity) => {
    try {
      site = await api<Destination>('PUT', `/api/destinations/${site.id}/capacity`, { capacity });
      notify(`Capacity: ${capacityLabels[site.capacity]}. Dispatch sees it now.`);
    } catch (err) {
      notify(err instanceof ApiError ? err.message : 'Could not change the capacity', 'error');
    }
    redrawCapacity(true);
  };

  const redrawCapacity = (keepFocus: boolean) => {
    const old = root.querySelector('[data-testid=own-capacity]');
    if (!old) return render();
    const fresh = capacityGroup();
    old.replaceWith(fresh);
    if (keepFocus) fresh.querySelector<HTMLInputElement>('input:checked')?.focus();
  };

  const saveSchedule = async (
    form: HTMLFormElement,
    save: HTMLButtonElement,
    body: { hours: unknown; closures: unknown },
  ) => {
    clearErrors(form);
    save.disabled = true;
    try {
      site = await api<Destination>('PUT', `/api/destinations/${site.id}/schedule`, body);
      editing = false;
      notify('Hours and closures saved. Dispatch matches by them from the next call.');
      render();
    } catch (err) {
      save.disabled = false;
      showErrors(form, err);
    }
  };

  render();
  return {
    update(destination) {
      if (destination.id !== site.id) return;
      site = destination;
      if (editing) {
        redrawCapacity(
          root.querySelector('[data-testid=own-capacity]')?.contains(document.activeElement) ??
            false,
        );
        return;
      }
      const focused = root.contains(document.activeElement);
      render();
      if (focused) root.querySelector<HTMLInputElement>('input:checked')?.focus();
    },
  };
}

/** "7 sessions a week, 1 closure ahead", for the folded schedule's title. */
function scheduleSummary(site: Destination): string {
  const sessions = `${site.hours.length} ${site.hours.length === 1 ? 'session' : 'sessions'} a week`;
  const ahead = site.closures.filter((c) => Date.parse(c.endsAt) > Date.now()).length;
  return ahead ? `${sessions}, ${ahead} ${ahead === 1 ? 'closure' : 'closures'} ahead` : sessions;
}
