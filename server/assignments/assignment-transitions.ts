import type { AssignmentStatus } from '../../shared/event-contract.js';

/** The assignment lifecycle. Anything not listed is a 409. */
export const nextStatuses: Record<AssignmentStatus, readonly AssignmentStatus[]> = {
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

export function canMove(from: AssignmentStatus, to: AssignmentStatus): boolean {
  return nextStatuses[from].includes(to);
}
