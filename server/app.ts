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
import { assignmentRouter } from './assignments/assignment-routes.js';
import { startOfferTimeouts } from './assignments/expire-offers.js';
import { callRouter } from './calls/call-routes.js';
import type { DispatchContext } from './dispatch/dispatch-context.js';
import { createPublisher, type AltpathIo } from './realtime/publisher.js';
import { attachSocketHandlers } from './realtime/socket-server.js';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  triage: TriageEngine;
}

export interface App {
  express: Express;
  http: HttpServer;
  io: AltpathIo;
  dispatch: DispatchContext;
  /** Stops background work (offer timeouts, position pushes) before shutdown. */
  stopBackground(): Promise<void>;
}

const clientDist = fileURLToPath(new URL('../client/dist', import.meta.url));

/** Wires the whole application. Tests build it exactly as main does. */
export function createApp(deps: AppDeps): App {
  const { config, db, logger } = deps;
  const auth = authServiceFactory({ db, sessionTtlHours: config.SESSION_TTL_HOURS });
  const app = express();
  // The HTTP server gets express before socket.io attaches, so socket.io can
  // route its own requests first and hand everything else to express.
  const http = createServer(app);
  const io: AltpathIo = new SocketServer(http, { serveClient: false, maxHttpBufferSize: 100_000 });
  const publish = createPublisher(io, logger);
  const dispatch: DispatchContext = {
    db,
    triage: deps.triage,
    publish,
    timeZone: config.SERVICE_TIME_ZONE,
    roadSpeedKmh: config.ROAD_SPEED_KMH,
    now: () => new Date(),
  };

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
  api.use(directoryRouter({ db, publish }));
  api.use(unitRouter({ db }));
  api.use(triageRouter({ engine: deps.triage }));
  api.use(callRouter(dispatch));
  api.use(assignmentRouter(dispatch));
  api.use(notFound);
  app.use('/api', api);

  app.use(express.static(clientDist, { index: 'index.html', maxAge: '1h' }));
  app.use(notFound);
  app.use(errorMiddleware(logger.child({ module: 'errors' })));

  requireSocketSession(io, auth);
  const sockets = attachSocketHandlers(io, { db, logger, publish });
  const offerTimeouts = startOfferTimeouts(dispatch, config.OFFER_TIMEOUT_S, logger);

  return {
    express: app,
    http,
    io,
    dispatch,
    async stopBackground() {
      sockets.stop();
      await offerTimeouts.stop();
    },
  };
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
