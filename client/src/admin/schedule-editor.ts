// Weekly hours and dated closures of a destination, as rows of inputs the admin
// adds and removes; each row's errors show beside it (paths hours.N.field).
import type { Destination } from '../shared/contract.js';
import { el } from '../shared/dom.js';
import { fromLocalInput, toLocalInput, weekdayLabels } from './admin-labels.js';
import { input, select } from './admin-ui.js';
import { labelled } from '../shared/form-errors.js';

type Span = Destination['hours'][number];
type Closure = Destination['closures'][number];

function rowsEditor<T>(
  legend: string,
  field: string,
  addLabel: string,
  initial: T[],
  makeRow: (value: T | undefined, index: number) => { nodes: Node[]; read: () => unknown },
) {
  const list = el('ol', { className: 'schedule-rows' });
  const readers: Array<() => unknown> = [];
  const add = (value?: T) => {
    const index = list.children.length;
    const row = makeRow(value, index);
    const remove = el('button', {
      className: 'secondary small',
      text: 'Remove',
      attrs: { type: 'button', 'aria-label': `Remove ${legend.toLowerCase()} row ${index + 1}` },
    });
    const item = el('li', {}, ...row.nodes, remove);
    const reader = row.read;
    readers.push(reader);
    remove.addEventListener('click', () => {
      readers.splice(readers.indexOf(reader), 1);
      item.remove();
    });
    list.append(item);
  };
  initial.forEach((v) => add(v));
  const addButton = el('button', {
    className: 'secondary small',
    text: addLabel,
    attrs: { type: 'button' },
  });
  addButton.addEventListener('click', () => {
    add();
    list.lastElementChild?.querySelector<HTMLElement>('input, select')?.focus();
  });
  const node = el(
    'fieldset',
    { className: 'schedule' },
    el('legend', { text: legend }),
    list,
    addButton,
    el('span', { className: 'field-error', dataset: { errorFor: field } }),
  );
  return { node, read: () => readers.map((r) => r()) };
}

export function hoursEditor(hours: Span[]) {
  return rowsEditor<Span>('Weekly hours', 'hours', 'Add opening hours', hours, (span, i) => {
    const day = select(
      'weekday',
      weekdayLabels.map((label, n) => [String(n), label] as [string, string]),
      String(span?.weekday ?? 1),
    );
    const opens = input('opens', { type: 'time', value: span?.opens ?? '09:00' });
    // 24:00 (end of day) is not a time an <input type=time> can hold: text.
    const closes = input('closes', {
      value: span?.closes ?? '17:00',
      inputmode: 'numeric',
      size: 5,
    });
    return {
      nodes: [
        labelled('Day', day, `hours.${i}.weekday`),
        labelled('Opens', opens, `hours.${i}.opens`),
        labelled('Closes (24:00: midnight)', closes, `hours.${i}.closes`),
      ],
      read: () => ({ weekday: Number(day.value), opens: opens.value, closes: closes.value.trim() }),
    };
  });
}

export function closuresEditor(closures: Closure[]) {
  return rowsEditor<Closure>('Closures', 'closures', 'Add a closure', closures, (c, i) => {
    const starts = input('startsAt', {
      type: 'datetime-local',
      value: toLocalInput(c?.startsAt ?? null),
    });
    const ends = input('endsAt', {
      type: 'datetime-local',
      value: toLocalInput(c?.endsAt ?? null),
    });
    const reason = input('reason', { value: c?.reason ?? '' });
    return {
      nodes: [
        labelled('From', starts, `closures.${i}.startsAt`),
        labelled('Until', ends, `closures.${i}.endsAt`),
        labelled('Reason', reason, `closures.${i}.reason`),
      ],
      read: () => ({
        startsAt: fromLocalInput(starts.value),
        endsAt: fromLocalInput(ends.value),
        reason: reason.value,
      }),
    };
  });
}
