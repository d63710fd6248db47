// Destination capacity (green / amber / red) per site: a radio group each, so
// it works with the keyboard. Changes go to PUT /api/destinations/:id/capacity
// and arrive back, for every lead and dispatcher, as destination:updated.
import { api, ApiError } from '../api.js';
import type { Capacity, Destination } from '../shared/contract.js';
import { capacities } from '../../../shared/directory.js';
import { el, replaceChildren } from '../shared/dom.js';
import { notify } from '../shared/header.js';
import { capacityLabels, destinationTypeLabels, formatTime } from '../shared/labels.js';
import type { LiveBoard } from '../shared/live-board.js';
import { runInBackground } from '../shared/background.js';

export function createCapacityControls(list: HTMLElement, board: LiveBoard): void {
  const rows = new Map<string, HTMLElement>();

  const render = () => {
    rows.clear();
    const destinations = [...board.destinations.values()].sort(
      (a, b) => a.type.localeCompare(b.type) || a.name.localeCompare(b.name),
    );
    replaceChildren(
      list,
      ...destinations.map((d) => {
        const row = capacityRow(d);
        rows.set(d.id, row);
        return row;
      }),
    );
  };

  const capacityRow = (destination: Destination): HTMLElement => {
    const name = `capacity-${destination.id}`;
    const group = el('span', { className: 'segmented capacity-choices' });
    for (const capacity of capacities) {
      const id = `${name}-${capacity}`;
      const input = el('input', {
        id,
        attrs: { type: 'radio', name, value: capacity, checked: capacity === destination.capacity },
      });
      input.addEventListener('change', () =>
        runInBackground(setCapacity(destination.id, capacity)),
      );
      group.append(
        input,
        el('label', {
          className: `choice-${capacity}`,
          text: capacityLabels[capacity],
          attrs: { for: id },
        }),
      );
    }
    const titleId = `${name}-title`;
    return el(
      'li',
      {
        className: `capacity-row capacity-${destination.capacity}`,
        testId: `capacity-${destination.id}`,
        dataset: { capacity: destination.capacity },
      },
      el(
        'div',
        { id: titleId },
        el('strong', { text: destination.name }),
        el('small', {
          className: 'muted',
          text: ` ${destinationTypeLabels[destination.type]?.label ?? destination.type} · since ${formatTime(destination.capacityUpdatedAt)}`,
        }),
      ),
      el('div', { attrs: { role: 'radiogroup', 'aria-labelledby': titleId } }, group),
    );
  };

  const setCapacity = async (id: string, capacity: Capacity) => {
    try {
      const updated = await api<Destination>('PUT', `/api/destinations/${id}/capacity`, {
        capacity,
      });
      board.upsertDestination(updated);
      notify(`${updated.name}: ${capacityLabels[updated.capacity]}.`);
    } catch (err) {
      notify(err instanceof ApiError ? err.message : 'Could not change the capacity', 'error');
      const known = board.destinations.get(id);
      if (known) board.upsertDestination(known); // put the radio back
    }
  };

  board.onSnapshot(render);
  board.onDestination((destination) => {
    const old = rows.get(destination.id);
    if (!old) return render();
    const focused = old.contains(document.activeElement);
    const fresh = capacityRow(destination);
    old.replaceWith(fresh);
    rows.set(destination.id, fresh);
    if (focused) fresh.querySelector<HTMLInputElement>('input:checked')?.focus();
  });
}
