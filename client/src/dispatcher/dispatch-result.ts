// What became of a call the panel shows: handed off, cancelled, offered to a unit, or
// declined by one (then the dispatcher acts again).
import { releasedAssignmentStatuses } from '../../../shared/assignments.js';
import { declineCategoryLabels } from '../../../shared/reason-categories.js';
import type { AssignmentView, CallView } from '../shared/contract.js';
import { el } from '../shared/dom.js';
import { assignmentStatusLabels, label } from '../shared/labels.js';

/** The unit holding the call, if one still does. */
export function heldAssignment(call: CallView): AssignmentView | null {
  return call.assignment &&
    !(releasedAssignmentStatuses as readonly string[]).includes(call.assignment.status)
    ? call.assignment
    : null;
}

/** "Handed to ambulance dispatch (A-1234)" or "Call cancelled". */
export function endedResult(call: CallView): HTMLElement {
  return el('p', {
    className: 'assigned',
    testId: 'dispatch-result',
    dataset: { status: call.status },
    text:
      call.status === 'handed_off'
        ? `Handed to ambulance dispatch${call.handoff?.reference ? ` (${call.handoff.reference})` : ''}`
        : 'Call cancelled',
  });
}

/** "Overridden: CP-11 — Offered": the unit holding the call and where it is. */
export function assignedResult(assignment: AssignmentView): HTMLElement {
  return el(
    'p',
    {
      className: 'assigned',
      testId: 'dispatch-result',
      dataset: { status: assignment.status },
    },
    `${assignment.overridden ? 'Overridden: ' : ''}${assignment.callSign} — ${label(assignmentStatusLabels, assignment.status)}`,
  );
}

/** "CP-11 declined: Vehicle issue — flat tyre on the 401": a unit let the call go. */
export function releasedNotice(assignment: AssignmentView): HTMLElement {
  return el('p', {
    className: 'warn',
    text: `${assignment.callSign} ${label(assignmentStatusLabels, assignment.status).toLowerCase()}${declineText(assignment)}`,
  });
}

/** ": Vehicle issue — flat tyre on the 401": the category, then the crew's words if any. */
function declineText(assignment: AssignmentView): string {
  const category = assignment.declineCategory && declineCategoryLabels[assignment.declineCategory];
  const parts = [category, assignment.declineReason].filter(Boolean);
  return parts.length ? `: ${parts.join(' — ')}` : '';
}
