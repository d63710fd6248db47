import type { RequestHandler } from 'express';
import type { AuthService } from './auth-service.js';
import { tokenFromHeaders } from './session-token.js';

/**
 * Attaches `req.actor` when the request carries a live session (an API token's
 * only under /fhir). It never
 * rejects by itself: requireRole() on each route decides 401/403.
 */
export function authenticate(auth: AuthService): RequestHandler {
  return async (req, _res, next) => {
    const found = tokenFromHeaders(req.headers);
    const actor = found ? await auth.authenticate(found.token) : undefined;
    // A partner system's API token opens the FHIR API and nothing else (401 elsewhere).
    if (actor && (!actor.scope || req.path.startsWith('/fhir/'))) req.actor = actor;
    next();
  };
}
