import { z } from 'zod';
import { AppError } from '../http/errors.js';
import { tokenBucket } from './event-rate.js';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { CatchUp, PushedEvent } from '../../shared/event-contract.js';
import {
  currentHorizon,
  newestPurgedTx,
  roomEventsFrom,
  type LoggedEvent,
} from './event-log-repository.js';
import { roomsFor } from './rooms.js';
import { socketHandler } from './socket-handler.js';

/** More than this many missed events: reloading the state is cheaper than replaying. */
export const MAX_CATCH_UP = 1_000;

const SinceSchema = z.strictObject({
  after: z
    .number({ message: 'after must be the horizon of an earlier answer, or null' })
    .int()
    .min(0)
    .nullable(),
});

const wire = (events: LoggedEvent[]): CatchUp['events'] =>
  events.map((e) => ({ event: e.event as PushedEvent, payload: e.payload, id: e.id, tx: e.tx }));

/**
 * `events:since`: this socket's room's events written from the horizon `after`
 * on (see shared/event-cursor.ts), in order, and the new horizon. `after: null`
 * (a first connection) answers the horizon and the events above it, which the
 * state the client just loaded may already show. Works on any server process:
 * the events are in the database.
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
  return socketHandler(SinceSchema, deps.logger, async ({ after }): Promise<CatchUp> => {
    if (!rate.take())
      throw new AppError(429, 'rate_limited', 'Too many catch-up requests: wait a second');
    // History is patient data: never replayed to a session that has ended.
    if (!(await deps.sessionLive()))
      throw new AppError(401, 'session_ended', 'Your session has ended: sign in again');
    const [room] = roomsFor(deps.actor);
    if (!room) return { room: '', horizon: 0, resync: false, events: [] };
    const q = deps.db.query;
    // Taken before the events are read: every event below it is visible to that read.
    const horizon = await currentHorizon(q);
    const above = async () => wire(await roomEventsFrom(q, room, horizon, MAX_CATCH_UP));
    if (after === null) return { room, horizon, resync: false, events: await above() };
    const purged = after <= (await newestPurgedTx(q));
    const missed = purged ? [] : await roomEventsFrom(q, room, after, MAX_CATCH_UP + 1);
    if (purged || missed.length > MAX_CATCH_UP)
      return { room, horizon, resync: true, events: await above() };
    return { room, horizon: Math.max(horizon, after), resync: false, events: wire(missed) };
  });
}
