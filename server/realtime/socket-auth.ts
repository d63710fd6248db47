import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import type { AuthService } from '../auth/auth-service.js';
import type { Actor } from '../auth/roles.js';
import { tokenFromHeaders } from '../auth/session-token.js';
import { isDatabaseUnavailable } from '../db/database-errors.js';
import type { SiteOrigins } from '../http/site-origin.js';

declare module 'socket.io' {
  interface SocketData {
    actor: Actor;
    /** When the session this socket signed in with runs out. */
    sessionExpiresAt: Date;
  }
}

/**
 * Cross-site WebSocket hijacking: WebSockets have no same-origin policy, and the
 * session cookie goes with a handshake from any page of the same *site* (another
 * port of the same host). Browsers always send Origin on a WebSocket handshake and
 * on a cross-origin request, so one that names another origin is refused. A
 * request without Origin comes from our own page's same-origin polling or from a
 * client that is not a browser page (it brings its own token), unless
 * Sec-Fetch-Site says otherwise.
 */
export function allowSameOriginHandshakes(origins: SiteOrigins) {
  return (
    req: IncomingMessage,
    callback: (err: string | null | undefined, ok: boolean) => void,
  ) => {
    const origin = req.headers.origin;
    const fetchSite = req.headers['sec-fetch-site'];
    const ok =
      origin === undefined
        ? fetchSite === undefined || fetchSite === 'same-origin' || fetchSite === 'none'
        : origins.allows(origin, req);
    callback(ok ? null : 'origin_not_allowed', ok);
  };
}

/**
 * Authenticates every socket in its handshake, from `auth: { token }` or the
 * session cookie. A connection without a live session is refused.
 */
export function requireSocketSession(
  io: Server,
  auth: Pick<AuthService, 'authenticateSession'>,
): void {
  const admit = async (socket: Socket): Promise<Error | undefined> => {
    try {
      const fromAuth = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const token =
        typeof fromAuth === 'string' ? fromAuth : tokenFromHeaders(socket.handshake.headers)?.token;
      const session = token ? await auth.authenticateSession(token) : undefined;
      // An API token is for a partner's FHIR client, never a live socket.
      if (!session || session.actor.scope) return new Error('unauthenticated');
      socket.data.actor = session.actor;
      socket.data.sessionExpiresAt = session.expiresAt;
      return undefined;
    } catch (err) {
      // Not "unauthenticated": the browser would send a signed-in user back to sign-in.
      return new Error(isDatabaseUnavailable(err) ? 'database_unavailable' : 'unauthenticated');
    }
  };
  // socket.io middleware is callback-style: `admit` never rejects, it answers an error.
  io.use((socket, next) => {
    admit(socket).then(next, next);
  });
}
