import type { IncomingHttpHeaders } from 'node:http';
import { parse as parseCookie } from 'cookie';

export const SESSION_COOKIE = 'altpath_session';

/** The session token from `Authorization: Bearer …` or, failing that, the session cookie. */
export function tokenFromHeaders(
  headers: IncomingHttpHeaders,
): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const authorization = headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const token = authorization.slice('Bearer '.length).trim();
    if (token) return { token, via: 'bearer' };
  }
  const cookieHeader = headers.cookie;
  if (cookieHeader) {
    const token = parseCookie(cookieHeader)[SESSION_COOKIE];
    if (token) return { token, via: 'cookie' };
  }
  return undefined;
}
