import type { Actor } from '../auth/roles.js';

export const DISPATCH_ROOM = 'dispatch';
export const unitRoom = (unitId: string) => `unit:${unitId}`;

/** The rooms a signed-in socket joins, once, when it connects. */
export function roomsFor(actor: Actor): string[] {
  if (actor.role === 'paramedic') return actor.unitId ? [unitRoom(actor.unitId)] : [];
  return [DISPATCH_ROOM];
}
