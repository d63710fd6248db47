import { Router, type RequestHandler } from 'express';
import { alertRouter } from '../alerts/alert-routes.js';
import { assignmentRouter } from '../dispatch/assignment-routes.js';
import { auditRouter } from '../audit/audit-routes.js';
import { apiTokenRouter } from '../auth/api-token-routes.js';
import { authRouter } from '../auth/auth-routes.js';
import type { AuthService } from '../auth/auth-service.js';
import { requireRole } from '../auth/require-role.js';
import { sessionRouter } from '../auth/session-routes.js';
import { callRouter } from '../dispatch/call-routes.js';
import { carePlanRouter } from '../care-plans/care-plan-routes.js';
import { clientConfigRouter } from '../client-config-routes.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { directoryRouter } from '../directory/directory-routes.js';
import { healthRouter } from '../health/health-routes.js';
import { notFound } from '../http/error-middleware.js';
import { apiRateLimit } from '../http/rate-limits.js';
import { idempotency } from '../idempotency/idempotency-middleware.js';
import type { Logger } from '../logging/logger.js';
import { proactiveRouter } from '../proactive/proactive-routes.js';
import type { Publish } from '../realtime/domain-events.js';
import { referralRouter } from '../referrals/referral-routes.js';
import { replayRouter } from '../replay/replay-routes.js';
import { statsRouter } from '../stats/stats-routes.js';
import type { TriageEngine } from '../triage/engine.js';
import { triageRouter } from '../triage/triage-routes.js';
import { unitRouter } from '../units/unit-routes.js';
import { userRouter } from '../users/user-routes.js';
import { noStore } from './http-edge.js';
import type { DomainServices } from './services.js';

/** Retried writes must not create twice: these routes honour Idempotency-Key. */
const idempotentPosts = [
  '/calls',
  '/calls/:id/dispatch',
  '/calls/:id/handoff',
  '/calls/:id/cancel',
  '/alerts/:id/ack',
  '/assignments/:id/status',
  '/visits',
  '/referrals/:id/status',
];
const idempotentPuts = ['/care-plans/:patientKey'];

/** Everything under /api, in one list: each domain's router with what it uses. */
export function apiRoutes(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  triage: TriageEngine;
  auth: AuthService;
  publish: Publish;
  services: DomainServices;
  health: Omit<Parameters<typeof healthRouter>[0], 'db' | 'ruleSetVersion'>;
  /** GET /api/openapi.json: built above every domain, so app.ts hands it in. */
  openApi: RequestHandler;
  /** Ends sessions' sockets on every process. */
  endSessions: (sessionIds: string[]) => void;
}): Router {
  const { config, db, publish, services, endSessions } = deps;
  const api = Router();
  // Everything under /api is live, often patient, data: never kept by a browser or proxy.
  api.use(noStore);
  api.use(apiRateLimit(db.query, config));
  api.use(healthRouter({ db, ruleSetVersion: deps.triage.ruleSetVersion, ...deps.health }));
  api.use(
    authRouter({
      auth: deps.auth,
      secureCookies: config.NODE_ENV === 'production',
      onSignedOut: (id) => endSessions([id]),
      onSessionsEnded: endSessions,
    }),
  );
  api.use(clientConfigRouter({ config }));
  api.use(deps.openApi);
  api.use(directoryRouter({ db, publish }));
  api.use(unitRouter({ db, publish }));
  api.use(triageRouter({ engine: deps.triage }));
  const retriedWrites = idempotency({ db, logger: deps.logger.child({ module: 'idempotency' }) });
  api.post(idempotentPosts, retriedWrites);
  api.put(idempotentPuts, retriedWrites);
  api.use(callRouter(services.dispatch, services.carePlans));
  api.use(carePlanRouter(services.carePlans));
  api.use(proactiveRouter(services.proactive, services.carePlanOutcomes));
  api.use(assignmentRouter(services.dispatch));
  api.use(alertRouter({ db, publish }));
  api.use(referralRouter(services.referrals));
  api.use(sessionRouter({ db, onRevoked: (id) => endSessions([id]) }));
  api.use(apiTokenRouter({ db }));
  api.use(userRouter({ db, onSessionsEnded: endSessions }));
  api.use(auditRouter({ db, requireAdmin: requireRole('admin') }));
  api.use(replayRouter(services.replayJobs));
  api.use(statsRouter({ db, config }));
  api.use(notFound);
  return api;
}
