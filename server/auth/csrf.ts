import type { Request, RequestHandler } from 'express';
import { AppError } from '../http/errors.js';
import { tokenFromHeaders } from './session-token.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The host:port of an Origin or Referer header, or undefined when absent or unreadable ("null"). */
function hostOf(header: string | undefined): string | undefined {
  if (!header || header === 'null') return undefined;
  try {
    return new URL(header).host;
  } catch {
    return undefined;
  }
}

function sameSite(req: Request): boolean {
  const own = req.get('host');
  if (!own) return false;
  // Browsers send Origin on every cross-origin and same-origin fetch POST; Referer is
  // the fallback for older ones. Neither can be forged by a page on another site.
  const claimed = hostOf(req.get('origin')) ?? hostOf(req.get('referer'));
  return claimed !== undefined && claimed.toLowerCase() === own.toLowerCase();
}

/**
 * Cross-site request protection on top of SameSite=Strict: a state-changing
 * request authenticated by the session cookie must come from our own origin.
 * Bearer tokens are exempt because a browser never attaches them by itself.
 * Mount after `authenticate`, which decides whether the cookie is a live session.
 */
export function rejectCrossSiteRequests(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!req.actor || tokenFromHeaders(req.headers)?.via !== 'cookie') return next();
    if (sameSite(req)) return next();
    next(
      new AppError(
        403,
        'csrf_rejected',
        'Cross-site request refused: Origin does not match this site',
      ),
    );
  };
}
