// The live queue: calls pending, offered or active, with their unit and assignment step;
// escalated calls first, then by urgency (emergency, urgent, non-urgent), newest first.
import type { CallView, Sex } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import {
  acuityLabels,
  assignmentStatusLabels,
  callStatusLabels,
  complaintLabels,
  dispositionLabels,
  formatTime,
  label,
  sexLabels,
} from '../shared/labels.js';
import type { LiveBoard } from '../shared/live-board.js';
import { onBoard } from '../map/live-layers.js';

const urgencyOrder = ['emergency', 'urgent', 'non_urgent'];
const urgency = (call: CallView) => urgencyOrder.indexOf(call.triage.acuity);

export function createQueue(
  body: HTMLTableSectionElement,
  count: HTMLElement,
  board: LiveBoard,
  onOpen: (call: CallView) => void,
): void {
  const render = () => {
    const calls = [...board.calls.values()]
      .filter(onBoard)
      .sort(
        (a, b) =>
          Number(b.escalated) - Number(a.escalated) ||
          urgency(a) - urgency(b) ||
          b.receivedAt.localeCompare(a.receivedAt),
      );
    count.textContent = String(calls.length);
    if (!calls.length) {
      replaceChildren(
        body,
        el(
          'tr',
          {},
          el('td', {
            className: 'muted empty',
            text: 'No calls on the board.',
            attrs: { colspan: 7 },
          }),
        ),
      );
      return;
    }
    replaceChildren(body, ...calls.map((call) => row(call, onOpen)));
  };
  board.onCall(render);
  board.onSnapshot(render);
  render();
}

function row(call: CallView, onOpen: (call: CallView) => void): HTMLTableRowElement {
  const unit = call.assignment
    ? `${call.assignment.callSign} · ${label(assignmentStatusLabels, call.assignment.status)}`
    : call.proposedUnit
      ? `${call.proposedUnit.callSign} (proposed)`
      : '—';
  const open = el('button', {
    className: 'secondary small',
    text: call.status === 'pending' ? 'Dispatch…' : 'Open',
    attrs: { type: 'button' },
  });
  open.addEventListener('click', () => onOpen(call));
  return el(
    'tr',
    {
      testId: `queue-row-${call.id}`,
      className: call.escalated ? 'escalated' : '',
      dataset: {
        status: call.status,
        assignment: call.assignment?.status ?? 'none',
        escalated: String(call.escalated),
      },
    },
    el('td', { text: formatTime(call.receivedAt) }),
    el(
      'td',
      {},
      el('span', {
        className: `status-pill call-${call.status}`,
        text: label(callStatusLabels, call.status),
        testId: 'queue-status',
      }),
      call.escalated
        ? el('span', { className: 'flag', text: 'Escalated', testId: 'queue-escalated' })
        : null,
    ),
    el(
      'td',
      {},
      el('div', { text: label(complaintLabels, call.complaint) }),
      el('small', {
        className: 'muted',
        text: `${call.patient.age}, ${label(sexLabels, call.patient.sex as Sex)}`,
      }),
    ),
    el(
      'td',
      {},
      el('div', { text: label(dispositionLabels, call.disposition) }),
      el('small', {
        className: `acuity acuity-${call.triage.acuity}`,
        text: label(acuityLabels, call.triage.acuity),
        testId: 'queue-acuity',
      }),
      // The reasons stay with the call once it is in the queue.
      el(
        'details',
        { className: 'why', testId: 'queue-reasons' },
        el('summary', { text: 'Why' }),
        el('ul', {}, ...call.triage.reasons.map((r) => el('li', { text: r.message }))),
      ),
    ),
    el('td', { text: unit, testId: 'queue-unit' }),
    el(
      'td',
      { className: 'where' },
      el('div', {
        text:
          call.location.address ??
          `${call.location.lat.toFixed(4)}, ${call.location.lng.toFixed(4)}`,
      }),
      call.notes
        ? el('small', { className: 'notes', text: call.notes, testId: 'queue-notes' })
        : null,
    ),
    el('td', {}, open),
  );
}
