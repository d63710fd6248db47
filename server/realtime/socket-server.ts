import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { positionThrottle, unitPositionHandler } from '../units/unit-position-socket.js';
import { catchUpHandler } from './catch-up-socket.js';
import type { Publish } from './domain-events.js';
import type { AltpathIo } from './publisher.js';
import { roomsFor } from './rooms.js';
import type { SessionSockets } from './session-sockets.js';

/** Each socket joins its rooms once, on connection, and gets its domain handlers. */
export function attachSocketHandlers(
  io: AltpathIo,
  deps: {
    db: Database;
    logger: Logger;
    publish: Publish;
    sessions: Pick<SessionSockets, 'bind' | 'stillLive'>;
  },
) {
  const log = deps.logger.child({ module: 'sockets' });
  const throttle = positionThrottle(deps.publish);
  io.on('connection', (socket) => {
    const actor = socket.data.actor;
    // Fire and forget: with the in-process and PostgreSQL adapters a join is
    // local and synchronous; socket.io types it as a promise for other adapters.
    void socket.join(roomsFor(actor));
    deps.sessions.bind(socket);
    socket.on('unit:position', unitPositionHandler({ db: deps.db, logger: log, actor, throttle }));
    socket.on(
      'events:since',
      catchUpHandler({
        db: deps.db,
        logger: log,
        actor,
        sessionLive: () => deps.sessions.stillLive(socket),
      }),
    );
  });
  return { stop: () => throttle.stop() };
}
