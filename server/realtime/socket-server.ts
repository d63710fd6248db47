import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { catchUpHandler } from './catch-up-socket.js';
import type { AltpathIo, AltpathSocket } from './publisher.js';
import { roomsFor } from './rooms.js';
import type { SessionSockets } from './session-sockets.js';

/**
 * A domain's client→server events on one socket (unit:position, …). Domains hand
 * theirs in from app.ts, so realtime imports no domain.
 */
export type RegisterSocketHandlers = (socket: AltpathSocket) => void;

/** Each socket joins its rooms once, on connection, and gets the domains' handlers. */
export function attachSocketHandlers(
  io: AltpathIo,
  deps: {
    db: Database;
    logger: Logger;
    sessions: Pick<SessionSockets, 'bind' | 'stillLive'>;
    domains: RegisterSocketHandlers[];
  },
): void {
  const log = deps.logger.child({ module: 'sockets' });
  io.on('connection', (socket) => {
    const actor = socket.data.actor;
    // Fire and forget: with the in-process and PostgreSQL adapters a join is
    // local and synchronous; socket.io types it as a promise for other adapters.
    void socket.join(roomsFor(actor));
    deps.sessions.bind(socket);
    for (const register of deps.domains) register(socket);
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
}
