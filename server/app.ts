import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { Server as SocketServer } from 'socket.io';
import { authRouter } from './auth/auth-routes.js';
import { authServiceFactory } from './auth/auth-service.js';
import { authenticate } from './auth/authenticate.js';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import { directoryRouter } from './directory/directory-routes.js';
import { healthRouter } from './health/health-routes.js';
import { errorMiddleware, notFound } from './http/error-middleware.js';
import type { Logger } from './logging/logger.js';
import { requireSocketSession } from './realtime/socket-auth.js';
import type { TriageEngine } from './triage/engine.js';
import { triageRouter } from './triage/triage-routes.js';
import { unitRouter } from './units/unit-routes.js';
import { clientConfigRouter } from './client-config-routes.js';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  triage: TriageEngine;
}

export interface App {
  express: Express;
  http: HttpServer;
  io: SocketServer;
}

const clientDist = fileURLToPath(new URL('../client/dist', import.meta.url));

/** Wires the whole application. Tests build it exactly as main does. */
export function createApp(deps: AppDeps): App {
  const { config, db, logger } = deps;
  const auth = authServiceFactory({ db, sessionTtlHours: config.SESSION_TTL_HOURS });

  const app = express();
  app.disable('x-powered-by');
  app.use(
    pinoHttp({
      logger: logger.child({ module: 'http' }),
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' },
    }),
  );
  app.use(helmet({ contentSecurityPolicy: { directives: contentSecurityPolicy(config.MAP_TILE_URL) } }));
  app.use(express.json({ limit: '100kb' }));
  app.use(authenticate(auth));

  const api = express.Router();
  api.use(healthRouter({ db, ruleSetVersion: deps.triage.ruleSetVersion }));
  api.use(authRouter({ auth, secureCookies: config.NODE_ENV === 'production' }));
  api.use(clientConfigRouter({ config }));
  api.use(directoryRouter({ db }));
  api.use(unitRouter({ db }));
  api.use(triageRouter({ engine: deps.triage }));
  api.use(notFound);
  app.use('/api', api);

  app.use(express.static(clientDist, { index: 'index.html', maxAge: '1h' }));
  app.use(notFound);
  app.use(errorMiddleware(logger.child({ module: 'errors' })));

  const http = createServer(app);
  const io = new SocketServer(http, { serveClient: false, maxHttpBufferSize: 100_000 });
  requireSocketSession(io, auth);

  return { express: app, http, io };
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

export { clientDist };
export const clientIndexPath = path.join(clientDist, 'index.html');
