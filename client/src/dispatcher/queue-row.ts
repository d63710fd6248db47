// One call in the live queue: when it came in and how long it has waited, its status,
// pathway and reasons, the unit with the time since the offer, and where.
import type { CallView, Sex } from '../shared/contract.js';
import { el } from '../shared/dom.js';
import { elapsedSince } from '../shared/elapsed.js';
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

export function queueRow(call: CallView, onOpen: (call: CallView) => void): HTMLTableRowElement {
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
        acuity: call.triage.acuity,
      },
    },
    el(
      'td',
      {},
      el('div', { text: formatTime(call.receivedAt) }),
      el(
        'small',
        { className: 'muted' },
        elapsedSince(call.receivedAt, { testId: 'since-received' }),
      ),
    ),
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
    unitCell(call),
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

/** The unit and its step; while an offer stands (or since it was made), how long ago. */
function unitCell(call: CallView): HTMLTableCellElement {
  if (!call.assignment)
    return el(
      'td',
      { testId: 'queue-unit' },
      call.proposedUnit ? `${call.proposedUnit.callSign} (proposed)` : '—',
      el('small', { className: 'muted', text: 'not offered' }),
    );
  return el(
    'td',
    { testId: 'queue-unit' },
    `${call.assignment.callSign} · ${label(assignmentStatusLabels, call.assignment.status)}`,
    el(
      'small',
      { className: 'muted' },
      elapsedSince(call.assignment.offeredAt, { testId: 'since-offered', prefix: 'offered' }),
    ),
  );
}
