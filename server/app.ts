import { randomUUID } from 'node:crypto';
import { createServer, type Server as HttpServer } from 'node:http';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { Server as SocketServer } from 'socket.io';
import { authRouter } from './auth/auth-routes.js';
import { authServiceFactory } from './auth/auth-service.js';
import { authenticate } from './auth/authenticate.js';
import { requestContext } from './auth/request-context.js';
import { rejectCrossSiteRequests } from './auth/csrf.js';
import { sessionRouter } from './auth/session-routes.js';
import { apiTokenRouter } from './auth/api-token-routes.js';
import { auditRouter } from './audit/audit-routes.js';
import { requireRole } from './auth/require-role.js';
import { apiRateLimit } from './http/rate-limits.js';
import { markDuplicateKeys, scanForDuplicateKeys } from './http/duplicate-keys.js';
import { rejectDeeplyNestedJson } from './http/json-depth.js';
import { rejectNulCharacters } from './http/json-text.js';
import { staticClient } from './http/static-client.js';
import type { Config } from './config/config.js';
import { clientDistDir } from './config/project-root.js';
import type { Database } from './db/database.js';
import { directoryRouter } from './directory/directory-routes.js';
import { healthRouter } from './health/health-routes.js';
import { warmUp } from './health/warm-up.js';
import { metricsFactory, type Metrics } from './metrics/metrics.js';
import { metricsRouter } from './metrics/metrics-routes.js';
import { openApiRouter } from './openapi/openapi-routes.js';
import { errorMiddleware, notFound } from './http/error-middleware.js';
import { renderOperationOutcome } from './fhir/fhir-errors.js';
import { fhirRouter } from './fhir/fhir-routes.js';
import type { Logger } from './logging/logger.js';
import { allowSameOriginHandshakes, requireSocketSession } from './realtime/socket-auth.js';
import { sessionSocketsFactory } from './realtime/session-sockets.js';
import { siteOrigins } from './http/site-origin.js';
import type { TriageEngine } from './triage/engine.js';
import { triageRouter } from './triage/triage-routes.js';
import { unitRouter } from './units/unit-routes.js';
import { clientConfigRouter } from './client-config-routes.js';
import { alertRouter } from './alerts/alert-routes.js';
import { assignmentRouter } from './dispatch/assignment-routes.js';
import { referralRouter } from './referrals/referral-routes.js';
import { referralHooks } from './referrals/announce-referrals.js';
import { referralServiceFactory } from './referrals/referral-service.js';
import { startPeriodicJobs, workerId } from './background-jobs.js';
import { callRouter } from './dispatch/call-routes.js';
import { carePlanRouter } from './care-plans/care-plan-routes.js';
import { carePlanServiceFactory } from './care-plans/care-plan-service.js';
import { carePlanOutcomesFactory } from './proactive/care-plan-outcomes.js';
import { proactiveRouter } from './proactive/proactive-routes.js';
import { patientRefFactory } from './stats/deidentify-row.js';
import { proactiveServiceFactory } from './proactive/proactive-service.js';
import { idempotency } from './idempotency/idempotency-middleware.js';
import { replayJobsFactory } from './replay/replay-jobs.js';
import { replayRouter } from './replay/replay-routes.js';
import { statsRouter } from './stats/stats-routes.js';
import { userRouter } from './users/user-routes.js';
import type { DispatchContext } from './dispatch/dispatch-context.js';
import { createPublisher, type AltpathIo } from './realtime/publisher.js';
import { createEventFeed } from './realtime/event-feed.js';
import { refuseSocketsUntilFeedStarted } from './realtime/feed-gate.js';
import { attachSocketHandlers } from './realtime/socket-server.js';
import { unitPositionSockets } from './units/unit-position-socket.js';
import { attachClusterAdapter } from './realtime/cluster-adapter.js';
import { boundSlowClients } from './realtime/slow-client-bound.js';

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
  dispatch: DispatchContext;
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
  const { config, db, logger } = deps;
  const auth = authServiceFactory({
    db,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    throttle: {
      freeFailures: config.LOGIN_FREE_FAILURES,
      freeFailuresPerAddress: config.LOGIN_FREE_FAILURES_PER_ADDRESS,
      baseDelayMs: config.LOGIN_DELAY_BASE_MS,
      maxDelayMs: 5 * 60_000,
      maxDelayPerAddressMs: 30_000,
    },
  });
  const app = express();
  // The HTTP server gets express before socket.io attaches, so socket.io can
  // route its own requests first and hand everything else to express.
  const http = createServer(app);
  const origins = siteOrigins({
    allowedOrigins: config.ALLOWED_ORIGINS,
    trustProxy: config.TRUST_PROXY !== undefined,
  });
  const io: AltpathIo = new SocketServer(http, {
    serveClient: false,
    maxHttpBufferSize: 100_000,
    allowRequest: allowSameOriginHandshakes(origins),
  });
  // socket.io answers its own requests before express: the same headers on its responses.
  const securityHeaders = helmet({
    contentSecurityPolicy: { directives: contentSecurityPolicy(config.MAP_TILE_URL) },
  });
  io.engine.use(securityHeaders);
  io.engine.use(noStore);
  const sessionSockets = sessionSocketsFactory({
    io,
    auth,
    logger,
    watchIntervalMs: config.SESSION_WATCH_INTERVAL_MS,
    socketsPerUser: config.SOCKETS_PER_USER,
  });
  // No back-pressure in socket.io: a client too far behind is dropped and catches up (events:since).
  boundSlowClients(io, logger);
  const cluster = config.DATABASE_URL
    ? attachClusterAdapter(io, config.DATABASE_URL, logger)
    : undefined;
  const metrics = metricsFactory({ db, io });
  const feed = createEventFeed(io, db, logger, {
    listenUrl: config.DATABASE_URL,
    coalesceMs: config.PUSH_COALESCE_MS,
  });
  const publisher = createPublisher(db, feed, logger, { onEmitted: metrics.eventEmitted });
  const publish = metrics.counting(publisher.publish);
  const worker = workerId();
  const replayJobs = replayJobsFactory({
    db,
    logger,
    currentRuleSetVersion: deps.triage.ruleSetVersion,
    worker,
    queue: {
      maxUnfinished: config.REPLAY_QUEUE_MAX,
      leaseMs: config.JOB_LEASE_MS,
      pollMs: config.JOB_POLL_MS,
      maxAttempts: 3,
    },
  });
  const dispatch: DispatchContext = {
    db,
    triage: deps.triage,
    publish,
    timeZone: config.SERVICE_TIME_ZONE,
    roadSpeedKmh: config.ROAD_SPEED_KMH,
    now: () => new Date(),
    referrals: referralHooks({ db, publish, roadSpeedKmh: config.ROAD_SPEED_KMH }, logger),
  };
  const referrals = referralServiceFactory(dispatch);

  app.disable('x-powered-by');
  if (config.TRUST_PROXY !== undefined) app.set('trust proxy', config.TRUST_PROXY);
  app.use(
    pinoHttp({
      logger: logger.child({ module: 'http' }),
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url?.startsWith('/api/health') ?? false },
    }),
  );
  app.use(metrics.httpTimer);
  app.use(securityHeaders);
  app.use(express.json({ limit: '100kb', verify: scanForDuplicateKeys }));
  app.use(markDuplicateKeys);
  app.use(rejectDeeplyNestedJson());
  app.use(rejectNulCharacters());
  app.use(authenticate(auth));
  // Once per request, after authenticate and pino-http's id: who asks, from where.
  app.use(requestContext());
  // After authenticate: only a live cookie session needs the Origin check.
  app.use(rejectCrossSiteRequests(origins));

  const api = express.Router();
  // Everything under /api is live, often patient, data: never kept by a browser or proxy.
  api.use(noStore);
  api.use(apiRateLimit(db.query, config));
  let warm = false;
  const warmedUp = warmUp({ db, triage: deps.triage, rulesDir: deps.rulesDir, feed, logger })
    .catch((err: unknown) => logger.warn({ err }, 'warm-up failed: serving cold'))
    .finally(() => (warm = true));
  api.use(
    healthRouter({
      db,
      ruleSetVersion: deps.triage.ruleSetVersion,
      cluster,
      warm: () => warm,
      eventsStarted: () => feed.horizon() !== null,
    }),
  );
  api.use(
    authRouter({
      auth,
      secureCookies: config.NODE_ENV === 'production',
      onSignedOut: sessionSockets.endSession,
      onSessionsEnded: (ids) => ids.forEach(sessionSockets.endSession),
    }),
  );
  api.use(clientConfigRouter({ config }));
  api.use(openApiRouter());
  api.use(directoryRouter({ db, publish }));
  api.use(unitRouter({ db, publish }));
  api.use(triageRouter({ engine: deps.triage }));
  // Retried writes must not create twice: these routes honour Idempotency-Key.
  api.post(
    [
      '/calls',
      '/calls/:id/dispatch',
      '/calls/:id/handoff',
      '/calls/:id/cancel',
      '/alerts/:id/ack',
      '/assignments/:id/status',
      '/visits',
      '/referrals/:id/status',
    ],
    idempotency({ db, logger: logger.child({ module: 'idempotency' }) }),
  );
  api.put(
    '/care-plans/:patientKey',
    idempotency({ db, logger: logger.child({ module: 'idempotency' }) }),
  );
  const carePlans = carePlanServiceFactory({ db });
  api.use(callRouter(dispatch, carePlans));
  api.use(carePlanRouter(carePlans));
  const patientRef = patientRefFactory(config.SESSION_SECRET);
  api.use(
    proactiveRouter(
      proactiveServiceFactory({ db, publish, secret: config.SESSION_SECRET }),
      carePlanOutcomesFactory({
        db,
        patientRef: (key) => patientRef(key) ?? '',
        timeZone: config.SERVICE_TIME_ZONE,
      }),
    ),
  );
  api.use(assignmentRouter(dispatch));
  api.use(alertRouter({ db, publish }));
  api.use(referralRouter(referrals));
  api.use(
    sessionRouter({
      db,
      onRevoked: sessionSockets.endSession,
    }),
  );
  api.use(apiTokenRouter({ db }));
  api.use(
    userRouter({
      db,
      onSessionsEnded: (ids) => ids.forEach(sessionSockets.endSession),
    }),
  );
  api.use(auditRouter({ db, requireAdmin: requireRole('admin') }));
  api.use(replayRouter(replayJobs));
  api.use(statsRouter({ db, config }));
  api.use(notFound);
  app.use('/api', api);
  // FHIR R4 for partners' own systems: live patient data too, with the same per-user budget.
  app.use(
    '/fhir/r4',
    noStore,
    fhirRouter({
      db,
      referrals,
      timeZone: config.SERVICE_TIME_ZONE,
      now: dispatch.now,
      rateLimit: apiRateLimit(db.query, config),
    }),
  );
  app.use(metricsRouter(metrics));

  app.use(staticClient(clientDistDir));
  app.use(notFound);
  // Everything under /fhir answers errors as a FHIR OperationOutcome, whoever raised them.
  app.use('/fhir', errorMiddleware(logger.child({ module: 'errors' }), renderOperationOutcome));
  app.use(errorMiddleware(logger.child({ module: 'errors' })));

  refuseSocketsUntilFeedStarted(io, feed);
  requireSocketSession(io, auth);
  io.use(sessionSockets.admit);
  const positions = unitPositionSockets({ db, logger, publish });
  attachSocketHandlers(io, {
    db,
    logger,
    sessions: sessionSockets,
    domains: [positions.register],
  });
  const periodicJobs = startPeriodicJobs({ config, db, dispatch, logger, worker });

  return {
    express: app,
    http,
    io,
    metrics,
    dispatch,
    worker,
    async stopBackground() {
      positions.stop();
      await sessionSockets.stop();
      await periodicJobs.stop();
      await replayJobs.stop(); // a replay under way goes back in the queue: no waiting for it
      await publisher.flushed();
      feed.close();
    },
    eventsFlushed: async () => {
      await publisher.flushed();
      feed.flush();
    },
    warmedUp,
    async closeCluster() {
      if (!cluster) return;
      await io.of('/').adapter.close(); // stops its heartbeat and LISTEN connection
      await cluster.close();
    },
  };
}

/** What socket.io answers is live data: never kept by a browser or a proxy. */
function noStore(
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
