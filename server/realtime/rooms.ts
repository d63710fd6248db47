import type { Actor } from '../auth/roles.js';

/** Dispatchers and admins: the whole board, patient details included. */
export const DISPATCH_ROOM = 'dispatch';
/**
 * Service leads watch the same board, de-identified: their own room, so no
 * patient detail is ever pushed to (or replayed for) a lead's socket.
 */
export const LEAD_ROOM = 'dispatch:leads';
export const unitRoom = (unitId: string) => `unit:${unitId}`;
/** A receiving site's staff: its own referrals only. */
export const siteRoom = (destinationId: string) => `site:${destinationId}`;

/** The room a signed-in socket joins, once, when it connects. */
export function roomsFor(actor: Actor): string[] {
  if (actor.role === 'paramedic') return actor.unitId ? [unitRoom(actor.unitId)] : [];
  if (actor.role === 'lead') return [LEAD_ROOM];
  if (actor.role === 'partner') return actor.destinationId ? [siteRoom(actor.destinationId)] : [];
  return [DISPATCH_ROOM];
}
