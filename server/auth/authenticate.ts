import type { RequestHandler } from 'express';
import type { AuthService } from './auth-service.js';
import { tokenFromHeaders } from './session-token.js';

/**
 * Attaches `req.actor` when the request carries a live session. It never
 * rejects by itself: requireRole() on each route decides 401/403.
 */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const found = tokenFromHeaders(req.headers);
    if (found) req.actor = await auth.authenticate(found.token);
    next();
  };
}
