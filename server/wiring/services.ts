import { authServiceFactory } from '../auth/auth-service.js';
import { carePlanServiceFactory } from '../care-plans/care-plan-service.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import { dispatchServiceFactory } from '../dispatch/dispatch-service.js';
import type { Logger } from '../logging/logger.js';
import { carePlanOutcomesFactory } from '../proactive/care-plan-outcomes.js';
import { proactiveServiceFactory } from '../proactive/proactive-service.js';
import type { Publish } from '../realtime/domain-events.js';
import { referralHooks } from '../referrals/announce-referrals.js';
import { referralServiceFactory } from '../referrals/referral-service.js';
import { replayJobsFactory } from '../replay/replay-jobs.js';
import { patientRefFactory } from '../stats/deidentify-row.js';
import type { TriageEngine } from '../triage/engine.js';

/** Sign-in, sessions and the throttle: needed by the HTTP edge and the sockets alike. */
export function authService(config: Config, db: Database) {
  return authServiceFactory({
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
}

/** Each domain's service, built once, each from only what it uses. */
export function domainServices(deps: {
  config: Config;
  db: Database;
  logger: Logger;
  triage: TriageEngine;
  publish: Publish;
  worker: string;
}) {
  const { config, db, logger, publish } = deps;
  const now = () => new Date();
  const roadSpeedKmh = config.ROAD_SPEED_KMH;
  const timeZone = config.SERVICE_TIME_ZONE;
  const patientRef = patientRefFactory(config.SESSION_SECRET);
  return {
    /** The one clock the services read (FHIR stamps its answers with it too). */
    now,
    dispatch: dispatchServiceFactory({
      db,
      triage: deps.triage,
      publish,
      timeZone,
      roadSpeedKmh,
      now,
      referrals: referralHooks({ db, publish, roadSpeedKmh }, logger),
    }),
    referrals: referralServiceFactory({ db, publish, roadSpeedKmh, timeZone, now }),
    carePlans: carePlanServiceFactory({ db }),
    proactive: proactiveServiceFactory({ db, publish, secret: config.SESSION_SECRET }),
    carePlanOutcomes: carePlanOutcomesFactory({
      db,
      patientRef: (key) => patientRef(key) ?? '',
      timeZone,
    }),
    replayJobs: replayJobsFactory({
      db,
      logger,
      currentRuleSetVersion: deps.triage.ruleSetVersion,
      worker: deps.worker,
      queue: {
        maxUnfinished: config.REPLAY_QUEUE_MAX,
        leaseMs: config.JOB_LEASE_MS,
        pollMs: config.JOB_POLL_MS,
        maxAttempts: 3,
      },
    }),
  };
}

export type DomainServices = ReturnType<typeof domainServices>;
