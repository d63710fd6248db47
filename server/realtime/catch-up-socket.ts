import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { tokenBucket } from './event-rate.js';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { CatchUp, PushedEvent } from '../../shared/event-contract.js';
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
export function catchUpHandler(deps: {
  db: Database;
  logger: Logger;
  actor: Actor;
  /** False once the socket's session has ended (the socket is then disconnected). */
  sessionLive: () => Promise<boolean>;
}) {
  // A reconnecting client asks once, then on each gap: 10 at once, one a second after that.
  const rate = tokenBucket(10, 1);
  return socketHandler(SinceSchema, deps.logger, async ({ afterSeq }): Promise<CatchUp> => {
    if (!rate.take())
      throw new AppError(429, 'rate_limited', 'Too many catch-up requests: wait a second');
    // History is patient data: never replayed to a session that has ended.
    if (!(await deps.sessionLive()))
      throw new AppError(401, 'session_ended', 'Your session has ended: sign in again');
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
