import type { Request, RequestHandler } from 'express';
import { UnauthenticatedError } from '../http/errors.js';
import type { Actor } from './roles.js';

/** Where a request came from, as sign-ins and the audit log record it. */
export interface RequestOrigin {
  /** express's `req.ip`: the client behind a trusted proxy (see TRUST_PROXY). */
  ip: string | null;
  /** Cut to what a session row keeps. */
  userAgent: string | null;
  /** pino-http's id: the one in the request's log lines and its X-Request-Id header. */
  requestId: string;
}

/**
 * Who asks and from where, made once per request at the edge and handed to commands
 * and audit writes as one value (never the HTTP request, never an `ip` argument).
 */
export interface RequestContext extends RequestOrigin {
  actor: Actor;
}

declare module 'express-serve-static-core' {
  interface Request {
    origin?: RequestOrigin;
    /** Set for a signed-in request only. */
    context?: RequestContext;
  }
}

/** After authenticate() and pino-http: every request gets its origin, a signed-in one its context. */
export function requestContext(): RequestHandler {
  return (req, _res, next) => {
    const origin: RequestOrigin = {
      ip: req.ip ?? null,
      userAgent: req.get('user-agent')?.slice(0, 300) ?? null,
      requestId: String(req.id ?? ''),
    };
    req.origin = origin;
    if (req.actor) req.context = { ...origin, actor: req.actor };
    next();
  };
}

/** The signed-in request's context; only call behind requireRole. */
export function contextOf(req: Request): RequestContext {
  if (!req.context) throw new UnauthenticatedError();
  return req.context;
}

/** Where the request came from, signed in or not (a sign-in has no actor yet). */
export function originOf(req: Request): RequestOrigin {
  if (!req.origin) throw new Error('requestContext() is not installed before this route');
  return req.origin;
}
