import { z } from 'zod';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { CatchUp, PushedEvent } from './event-contract.js';
import { eventsSince, latestSeq, oldestSeq } from './event-log-repository.js';
import { roomsFor } from './rooms.js';
import { socketHandler } from './socket-handler.js';

/** More than this many missed events: reloading the state is cheaper than replaying. */
export const MAX_CATCH_UP = 1_000;

const SinceSchema = z.strictObject({ afterSeq: z.number().int().min(0).nullable() });

/**
 * `events:since`: what this socket's room pushed after `afterSeq`, in order.
 * `afterSeq: null` (a first connection) answers the current number only.
 * Works on any server process: the events are in the database.
 */
export function catchUpHandler(deps: { db: Database; logger: Logger; actor: Actor }) {
  return socketHandler(SinceSchema, deps.logger, async ({ afterSeq }): Promise<CatchUp> => {
    const [room] = roomsFor(deps.actor);
    if (!room) return { room: '', latestSeq: 0, resync: false, events: [] };
    const latest = await latestSeq(deps.db.query, room);
    if (afterSeq === null || afterSeq >= latest)
      return { room, latestSeq: latest, resync: false, events: [] };
    const oldest = await oldestSeq(deps.db.query, room);
    const purged = oldest === null || oldest > afterSeq + 1;
    if (purged || latest - afterSeq > MAX_CATCH_UP)
      return { room, latestSeq: latest, resync: true, events: [] };
    const events = await eventsSince(deps.db.query, room, afterSeq, MAX_CATCH_UP);
    return {
      room,
      latestSeq: latest,
      resync: false,
      events: events.map((e) => ({
        event: e.event as PushedEvent,
        payload: e.payload,
        seq: e.seq,
      })),
    };
  });
}
