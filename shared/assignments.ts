// The assignment lifecycle: the statuses of a CP unit's assignment to a call and who
// moves it where, as one table. The server checks transitions and stores statuses with
// it, the database's CHECK constraint holds the same list (a test compares them), and
// the browser client draws the crew's buttons from it. No imports: the browser bundles it.

export const assignmentStatuses = [
  'offered',
  'accepted',
  'declined',
  'expired',
  'en_route',
  'on_scene',
  'transporting',
  'completed',
  'cancelled',
] as const;
export type AssignmentStatus = (typeof assignmentStatuses)[number];

/**
 * Where a crew may move an assignment from each status. Anything not listed is a 409.
 * `expired` (an offer lapsed) and `cancelled` (the dispatcher withdrew it) are the
 * server's own moves, never a crew's.
 */
export const assignmentTransitions: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
  offered: ['accepted', 'declined'],
  accepted: ['en_route'],
  en_route: ['on_scene'],
  on_scene: ['transporting', 'completed'],
  transporting: ['completed'],
  declined: [],
  expired: [],
  completed: [],
  cancelled: [],
};

/** The unit is still busy with the call: at most one such assignment per unit (a unique index). */
export const activeAssignmentStatuses = [
  'offered',
  'accepted',
  'en_route',
  'on_scene',
  'transporting',
] as const satisfies readonly AssignmentStatus[];

/** The unit let the call go (declined, let the offer lapse, or was taken off it): the call needs a dispatcher again. */
export const releasedAssignmentStatuses = [
  'declined',
  'expired',
  'cancelled',
] as const satisfies readonly AssignmentStatus[];

/** What a crew may ask for: every status a transition reaches. */
export const crewSteps = [
  'accepted',
  'declined',
  'en_route',
  'on_scene',
  'transporting',
  'completed',
] as const satisfies readonly AssignmentStatus[];
export type CrewStep = (typeof crewSteps)[number];

/** A visit's steps in order: an update further along is the later one. */
export const assignmentProgress = [
  'offered',
  'accepted',
  'en_route',
  'on_scene',
  'transporting',
  'completed',
] as const satisfies readonly AssignmentStatus[];

/** The unit turned the call down or let its offer lapse. */
export const passedOnStatuses = [
  'declined',
  'expired',
] as const satisfies readonly AssignmentStatus[];

export const assignmentStatusLabels: Record<AssignmentStatus, string> = {
  offered: 'Offered',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
  en_route: 'En route',
  on_scene: 'On scene',
  transporting: 'Transporting',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

export function canMoveAssignment(from: AssignmentStatus, to: AssignmentStatus): boolean {
  return assignmentTransitions[from].includes(to);
}

export const isActiveAssignment = (status: AssignmentStatus): boolean =>
  (activeAssignmentStatuses as readonly AssignmentStatus[]).includes(status);
