import type { Request } from 'express';

/** Where a request came from, as the audit log records it. */
export interface RequestOrigin {
  ip: string | null;
  userAgent: string | null;
}

/**
 * The caller's address (express's `req.ip`: the client behind a trusted proxy, see
 * TRUST_PROXY) and user agent, cut to what the audit log keeps.
 */
export function originOf(req: Request): RequestOrigin {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent')?.slice(0, 300) ?? null };
}
