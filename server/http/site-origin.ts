import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * Which origins are this site. With `ALLOWED_ORIGINS` set, exactly those (what a
 * deployment behind a proxy should set: `https://dispatch.example.org`); unset,
 * the origin the request itself was made to: its scheme (TLS, or with
 * TRUST_PROXY the proxy's X-Forwarded-Proto) and its Host. Scheme, host and port
 * all count: `https://` is not the `http://` site, and another port on the same
 * host is another origin (although the same *site*, to which SameSite cookies go).
 */
export interface SiteOrigins {
  /** True when `origin` (an Origin header, or a Referer) is one of this site's. */
  allows(origin: string | undefined, req: IncomingMessage): boolean;
}

export function siteOrigins(options: {
  allowedOrigins?: string[] | undefined;
  trustProxy: boolean;
}): SiteOrigins {
  const listed = options.allowedOrigins?.length
    ? new Set(options.allowedOrigins.map((o) => o.toLowerCase()))
    : undefined;

  const ownOrigin = (req: IncomingMessage): string | undefined => {
    const host = req.headers.host;
    if (!host) return undefined;
    const forwarded = options.trustProxy
      ? String(req.headers['x-forwarded-proto'] ?? '')
          .split(',')[0]
          ?.trim()
      : '';
    const scheme =
      forwarded === 'https' || forwarded === 'http'
        ? forwarded
        : (req.socket as TLSSocket).encrypted
          ? 'https'
          : 'http';
    return `${scheme}://${host}`.toLowerCase();
  };

  return {
    allows(origin, req) {
      const claimed = originOf(origin);
      if (!claimed) return false;
      return listed ? listed.has(claimed) : claimed === ownOrigin(req);
    },
  };
}

/** `scheme://host[:port]` of an Origin or Referer, or undefined when absent, "null" or unreadable. */
export function originOf(header: string | undefined): string | undefined {
  if (!header || header === 'null') return undefined;
  try {
    const url = new URL(header);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.origin.toLowerCase();
  } catch {
    return undefined;
  }
}
