import type { Server } from 'socket.io';
import type { AuthService } from '../auth/auth-service.js';
import type { Actor } from '../auth/roles.js';
import { tokenFromHeaders } from '../auth/session-token.js';
import { isDatabaseUnavailable } from '../db/database-errors.js';

declare module 'socket.io' {
  interface SocketData {
    actor: Actor;
  }
}

/**
 * Authenticates every socket in its handshake, from `auth: { token }` or the
 * session cookie. A connection without a live session is refused.
 */
export function requireSocketSession(io: Server, auth: AuthService): void {
  io.use(async (socket, next) => {
    try {
      const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const token =
        typeof fromAuth === 'string' ? fromAuth : tokenFromHeaders(socket.handshake.headers)?.token;
      const actor = token ? await auth.authenticate(token) : undefined;
      if (!actor) return next(new Error('unauthenticated'));
      socket.data.actor = actor;
      next();
    } catch (err) {
      // Not "unauthenticated": the browser would send a signed-in user back to sign-in.
      next(new Error(isDatabaseUnavailable(err) ? 'database_unavailable' : 'unauthenticated'));
    }
  });
}
