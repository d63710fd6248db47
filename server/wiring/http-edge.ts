import { randomUUID } from 'node:crypto';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { AuthService } from '../auth/auth-service.js';
import { authenticate } from '../auth/authenticate.js';
import { rejectCrossSiteRequests } from '../auth/csrf.js';
import { requestContext } from '../auth/request-context.js';
import type { Config } from '../config/config.js';
import { markDuplicateKeys, scanForDuplicateKeys } from '../http/duplicate-keys.js';
import { rejectDeeplyNestedJson } from '../http/json-depth.js';
import { rejectUnstorableText } from '../http/json-text.js';
import type { SiteOrigins } from '../http/site-origin.js';
import type { Logger } from '../logging/logger.js';
import type { Metrics } from '../metrics/metrics.js';

/**
 * What every request passes before any route: its id and log line, timing,
 * security headers, JSON parsed and checked, the session, who asks from where,
 * and the Origin check for cookie sessions.
 */
export function mountHttpEdge(
  app: Express,
  deps: {
    config: Pick<Config, 'TRUST_PROXY'>;
    logger: Logger;
    metrics: Pick<Metrics, 'httpTimer'>;
    securityHeaders: RequestHandler;
    auth: AuthService;
    origins: SiteOrigins;
  },
): void {
  app.disable('x-powered-by');
  if (deps.config.TRUST_PROXY !== undefined) app.set('trust proxy', deps.config.TRUST_PROXY);
  app.use(
    pinoHttp({
      logger: deps.logger.child({ module: 'http' }),
      genReqId: (_req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') ?? false },
    }),
  );
  app.use(deps.metrics.httpTimer);
  app.use(deps.securityHeaders);
  app.use(express.json({ limit: '100kb', verify: scanForDuplicateKeys }));
  app.use(markDuplicateKeys);
  app.use(rejectDeeplyNestedJson());
  app.use(rejectUnstorableText());
  app.use(authenticate(deps.auth));
  // Once per request, after authenticate and pino-http's id: who asks, from where.
  app.use(requestContext());
  // After authenticate: only a live cookie session needs the Origin check.
  app.use(rejectCrossSiteRequests(deps.origins));
}

/** The same headers on express's answers and socket.io's own (it answers before express). */
export function securityHeaders(config: Pick<Config, 'MAP_TILE_URL'>): RequestHandler {
  return helmet({
    contentSecurityPolicy: { directives: contentSecurityPolicy(config.MAP_TILE_URL) },
  });
}

/** Live, often patient, data: never kept by a browser or a proxy. */
export function noStore(
  _req: unknown,
  res: { setHeader(name: string, value: string): void },
  next: () => void,
) {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

function contentSecurityPolicy(tileUrl: string) {
  // Tiles may come from lettered subdomains ({s}); allow the host pattern only.
  const tileOrigin = new URL(tileUrl.replace('{s}', 'tiles').replace(/\{[a-z]\}/g, '0')).origin;
  const tileHost = tileUrl.includes('{s}') ? tileOrigin.replace('://tiles.', '://*.') : tileOrigin;
  return {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', tileHost],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  };
}
