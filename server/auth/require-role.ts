import type { Request, RequestHandler } from 'express';
import { ForbiddenError, UnauthenticatedError } from '../http/errors.js';
import type { Actor, Role } from './roles.js';

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

/** 401 without a session, 403 when the signed-in role is not among `allowed`. */
export function requireRole(...allowed: Role[]): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor;
    if (!actor) return next(new UnauthenticatedError());
    if (!allowed.includes(actor.role)) return next(new ForbiddenError());
    next();
  };
}

/** The authenticated actor; only call behind requireRole. */
export function actorOf(req: Request): Actor {
  if (!req.actor) throw new UnauthenticatedError();
  return req.actor;
}
