import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import type { Config } from './config/config.js';
import { clientDistDir } from './config/project-root.js';
import type { Database } from './db/database.js';
import { renderOperationOutcome } from './fhir/fhir-errors.js';
import { fhirRouter } from './fhir/fhir-routes.js';
import { warmUp } from './health/warm-up.js';
import { errorMiddleware, notFound } from './http/error-middleware.js';
import { apiRateLimit } from './http/rate-limits.js';
import { siteOrigins } from './http/site-origin.js';
import { staticClient } from './http/static-client.js';
import type { Logger } from './logging/logger.js';
import type { Metrics } from './metrics/metrics.js';
import { metricsRouter } from './metrics/metrics-routes.js';
import { openApiRouter } from './openapi/openapi-routes.js';
import type { AltpathIo } from './realtime/publisher.js';
import { refuseSocketsUntilFeedStarted } from './realtime/feed-gate.js';
import { requireSocketSession } from './realtime/socket-auth.js';
import { attachSocketHandlers } from './realtime/socket-server.js';
import type { TriageEngine } from './triage/engine.js';
import { unitPositionSockets } from './units/unit-position-socket.js';
import { startPeriodicJobs, workerId } from './background-jobs.js';
import { apiRoutes } from './wiring/api-routes.js';
import { mountHttpEdge, noStore, securityHeaders } from './wiring/http-edge.js';
import { createRealtime } from './wiring/realtime.js';
import { authService, domainServices } from './wiring/services.js';

export interface AppDeps {
  config: Config;
  db: Database;
  logger: Logger;
  triage: TriageEngine;
  /** Where the rules were loaded from (their examples warm the engine up); default rules/. */
  rulesDir?: string | undefined;
}

export interface App {
  express: Express;
  http: HttpServer;
  io: AltpathIo;
  /** This process's Prometheus metrics (GET /metrics, or the METRICS_PORT server). */
  metrics: Metrics;
  /** How this process signs the background jobs it holds. */
  worker: string;
  /** Stops background work (offer timeouts, position pushes, replays) before shutdown. */
  stopBackground(): Promise<void>;
  /** Resolves when every event published so far has been stored and emitted. */
  eventsFlushed(): Promise<void>;
  /** Closes the cross-process adapter's connections, after the sockets are gone. */
  closeCluster(): Promise<void>;
  /** Resolves once warmed up (readiness says not_ready until then); never rejects. */
  warmedUp: Promise<void>;
}

/** Wires the whole application. Tests build it exactly as main does. */
export function createApp(deps: AppDeps): App {
  const { config, db, logger, triage } = deps;
  const auth = authService(config, db);
  const app = express();
  // The HTTP server gets express before socket.io attaches, so socket.io can
  // route its own requests first and hand everything else to express.
  const http = createServer(app);
  const origins = siteOrigins({
    allowedOrigins: config.ALLOWED_ORIGINS,
    trustProxy: config.TRUST_PROXY !== undefined,
  });
  const headers = securityHeaders(config);
  const realtime = createRealtime({
    http,
    config,
    db,
    logger,
    auth,
    origins,
    securityHeaders: headers,
  });
  const { io, metrics, publish } = realtime;
  const worker = workerId();
  const services = domainServices({ config, db, logger, triage, publish, worker });

  mountHttpEdge(app, { config, logger, metrics, securityHeaders: headers, auth, origins });
  let warm = false;
  const warmedUp = warmUp({ db, triage, rulesDir: deps.rulesDir, feed: realtime.feed, logger })
    .catch((err: unknown) => logger.warn({ err }, 'warm-up failed: serving cold'))
    .finally(() => (warm = true));
  app.use(
    '/api',
    apiRoutes({
      config,
      db,
      logger,
      triage,
      auth,
      publish,
      services,
      health: {
        cluster: realtime.cluster,
        warm: () => warm,
        eventsStarted: () => realtime.feed.horizon() !== null,
      },
      openApi: openApiRouter(),
      endSessions: realtime.endSessions,
    }),
  );
  // FHIR R4 for partners' own systems: live patient data too, with the same per-user budget.
  app.use(
    '/fhir/r4',
    noStore,
    fhirRouter({
      db,
      referrals: services.referrals,
      timeZone: config.SERVICE_TIME_ZONE,
      now: services.now,
      rateLimit: apiRateLimit(db.query, config),
    }),
  );
  app.use(metricsRouter(metrics));
  app.use(staticClient(clientDistDir));
  app.use(notFound);
  // Everything under /fhir answers errors as a FHIR OperationOutcome, whoever raised them.
  app.use('/fhir', errorMiddleware(logger.child({ module: 'errors' }), renderOperationOutcome));
  app.use(errorMiddleware(logger.child({ module: 'errors' })));

  refuseSocketsUntilFeedStarted(io, realtime.feed);
  requireSocketSession(io, auth);
  io.use(realtime.sessionSockets.admit);
  const positions = unitPositionSockets({ db, logger, publish });
  attachSocketHandlers(io, {
    db,
    logger,
    sessions: realtime.sessionSockets,
    domains: [positions.register],
  });
  const periodicJobs = startPeriodicJobs({
    config,
    db,
    offers: services.dispatch,
    logger,
    worker,
  });

  return {
    express: app,
    http,
    io,
    metrics,
    worker,
    async stopBackground() {
      positions.stop();
      await realtime.sessionSockets.stop();
      await periodicJobs.stop();
      await services.replayJobs.stop(); // a replay under way goes back in the queue: no waiting for it
      await realtime.publisher.flushed();
      realtime.feed.close();
    },
    eventsFlushed: async () => {
      await realtime.publisher.flushed();
      realtime.feed.flush();
    },
    warmedUp,
    async closeCluster() {
      if (!realtime.cluster) return;
      await io.of('/').adapter.close(); // stops its heartbeat and LISTEN connection
      await realtime.cluster.close();
    },
  };
}
