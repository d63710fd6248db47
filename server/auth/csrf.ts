import type { RequestHandler } from 'express';
import { AppError } from '../http/errors.js';
import type { SiteOrigins } from '../http/site-origin.js';
import { tokenFromHeaders } from './session-token.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request protection on top of SameSite=Strict: a state-changing
 * request authenticated by the session cookie must come from our own origin
 * (scheme, host and port: SameSite lets a page on another port of the same host
 * through). Browsers send Origin on every cross-origin and same-origin fetch
 * POST; Referer is the fallback for older ones. Neither can be forged by a page.
 * Bearer tokens are exempt because a browser never attaches them by itself.
 * Mount after `authenticate`, which decides whether the cookie is a live session.
 */
export function rejectCrossSiteRequests(origins: SiteOrigins): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!req.actor || tokenFromHeaders(req.headers)?.via !== 'cookie') return next();
    if (origins.allows(req.get('origin') ?? req.get('referer'), req)) return next();
    next(
      new AppError(
        403,
        'csrf_rejected',
        'Cross-site request refused: Origin does not match this site',
      ),
    );
  };
}
