import type { AuthService } from '../auth/auth-service.js';
import type { Logger } from '../logging/logger.js';
import type { AltpathIo, AltpathSocket } from './publisher.js';

/** Every socket joins the room of the session it signed in with, to be ended with it. */
export const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/** setTimeout's limit (~24.8 days); the periodic watch covers anything longer. */
const MAX_TIMER_MS = 2_147_483_647;

export interface SessionSocketsDeps {
  io: AltpathIo;
  auth: Pick<AuthService, 'endedSessions'>;
  logger: Logger;
  /** How often this process re-checks its sockets' sessions in the database. */
  watchIntervalMs: number;
  /** Sockets one user may hold on this process. */
  socketsPerUser: number;
}

/**
 * A socket lives no longer than its session. Three ways it ends, each enough on
 * its own:
 * - sign-out and revocation disconnect the session's room on every process at
 *   once (the adapter carries `disconnectSockets` to the others);
 * - a timer per socket at the session's expiry;
 * - a periodic watch: each process asks the database which of its sockets'
 *   sessions have ended (revoked, expired, user deactivated), which also covers
 *   a process that missed the broadcast while its adapter was reconnecting.
 * A client→server event can also ask `stillLive()` before it answers.
 */
export function sessionSocketsFactory(deps: SessionSocketsDeps) {
  const log = deps.logger.child({ module: 'session-sockets' });
  const perUser = new Map<string, number>();
  const expiryTimers = new Set<NodeJS.Timeout>();

  const localSockets = () => [...deps.io.of('/').sockets.values()];

  /** Handshake middleware, after authentication: the per-user cap. */
  function admit(socket: AltpathSocket, next: (err?: Error) => void): void {
    const count = perUser.get(socket.data.actor.id) ?? 0;
    if (count >= deps.socketsPerUser) return next(new Error('too_many_connections'));
    next();
  }

  /** On connection: the session's room, the count, the expiry timer. */
  function bind(socket: AltpathSocket): void {
    const { actor, sessionExpiresAt } = socket.data;
    // Local and synchronous with our adapters (see socket-server.ts).
    void socket.join(sessionRoom(actor.sessionId));
    perUser.set(actor.id, (perUser.get(actor.id) ?? 0) + 1);
    const untilExpiry = sessionExpiresAt.getTime() - Date.now();
    const timer =
      untilExpiry < MAX_TIMER_MS
        ? setTimeout(() => socket.disconnect(true), Math.max(0, untilExpiry))
        : undefined;
    if (timer) expiryTimers.add(timer);
    socket.once('disconnect', () => {
      if (timer) {
        clearTimeout(timer);
        expiryTimers.delete(timer);
      }
      const left = (perUser.get(actor.id) ?? 1) - 1;
      if (left > 0) perUser.set(actor.id, left);
      else perUser.delete(actor.id);
    });
  }

  /** Ends a session's sockets on every process (sign-out, revocation). */
  function endSession(sessionId: string): void {
    deps.io.in(sessionRoom(sessionId)).disconnectSockets(true);
  }

  /** True while the socket's session is live; otherwise disconnects it. */
  async function stillLive(socket: AltpathSocket): Promise<boolean> {
    const ended = await deps.auth.endedSessions([socket.data.actor.sessionId]);
    if (!ended.length) return true;
    socket.disconnect(true);
    return false;
  }

  async function sweep(): Promise<void> {
    const sockets = localSockets();
    const sessionIds = [...new Set(sockets.map((s) => s.data.actor.sessionId))];
    const ended = new Set(await deps.auth.endedSessions(sessionIds));
    if (!ended.size) return;
    for (const socket of sockets)
      if (ended.has(socket.data.actor.sessionId)) socket.disconnect(true);
    log.info({ sessions: ended.size }, 'disconnected the sockets of ended sessions');
  }

  let sweeping: Promise<void> = Promise.resolve();
  const watch = setInterval(() => {
    sweeping = sweep().catch((err: unknown) =>
      log.warn({ err: (err as Error).message }, 'could not check the sessions of open sockets'),
    );
  }, deps.watchIntervalMs);
  watch.unref();

  return {
    admit,
    bind,
    endSession,
    stillLive,
    async stop() {
      clearInterval(watch);
      for (const timer of expiryTimers) clearTimeout(timer);
      await sweeping;
    },
  };
}

export type SessionSockets = ReturnType<typeof sessionSocketsFactory>;
