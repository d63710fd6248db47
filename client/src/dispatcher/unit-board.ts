// Every unit at a glance: its status and since when (ticking), the call it is on, and its
// skills in words. Kept live from the board (unit and call events).
import type { CallView, Unit } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { elapsedSince } from '../shared/elapsed.js';
import {
  assignmentStatusLabels,
  complaintLabels,
  label,
  skillsText,
  unitStatusLabels,
} from '../shared/labels.js';
import type { LiveBoard } from '../shared/live-board.js';

const finished = new Set(['declined', 'expired', 'cancelled', 'completed']);

export function createUnitBoard(
  body: HTMLTableSectionElement,
  board: LiveBoard,
  onOpen: (call: CallView) => void,
): void {
  const render = () => {
    // The call each unit is on: its live (not finished) assignment on the board.
    const callOf = new Map<string, CallView>();
    for (const call of board.calls.values())
      if (call.assignment && !finished.has(call.assignment.status))
        callOf.set(call.assignment.unitId, call);
    const units = [...board.units.values()].sort((a, b) => a.callSign.localeCompare(b.callSign));
    if (!units.length) {
      replaceChildren(
        body,
        el('tr', {}, el('td', { className: 'muted', text: 'No units.', attrs: { colspan: 3 } })),
      );
      return;
    }
    replaceChildren(body, ...units.map((unit) => unitRow(unit, callOf.get(unit.id), onOpen)));
  };
  board.onUnit(render);
  board.onCall(render);
  board.onSnapshot(render);
  render();
}

function unitRow(
  unit: Unit,
  call: CallView | undefined,
  onOpen: (call: CallView) => void,
): HTMLTableRowElement {
  let current: Node | string = '—';
  if (call?.assignment) {
    const open = el('button', {
      className: 'link-button',
      text: `${label(complaintLabels, call.complaint)}, ${call.patient.age}`,
      attrs: { type: 'button' },
    });
    open.addEventListener('click', () => onOpen(call));
    current = el(
      'span',
      {},
      open,
      el('small', {
        className: 'muted',
        text: label(assignmentStatusLabels, call.assignment.status),
      }),
    );
  }
  return el(
    'tr',
    { testId: `unit-row-${unit.callSign}`, dataset: { status: unit.status } },
    el(
      'th',
      { attrs: { scope: 'row' } },
      el('div', { text: unit.callSign }),
      el('small', {
        className: 'muted skills',
        text: skillsText(unit.skills),
        testId: 'unit-skills',
      }),
    ),
    el(
      'td',
      {},
      el('span', {
        className: `unit-badge unit-${unit.status}`,
        text: label(unitStatusLabels, unit.status),
        testId: 'unit-status',
      }),
      el(
        'small',
        { className: 'muted' },
        elapsedSince(unit.statusSince, { testId: 'unit-since', prefix: 'for' }),
      ),
    ),
    el('td', { testId: 'unit-call' }, current),
  );
}
