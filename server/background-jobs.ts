import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { purgeSignInFailures } from './auth/sign-in-throttle.js';
import type { Config } from './config/config.js';
import type { Database } from './db/database.js';
import type { DispatchService } from './dispatch/dispatch-service.js';
import { purgeRateLimitCounters } from './http/rate-limit-store.js';
import { purgeExpiredKeys } from './idempotency/idempotency-repository.js';
import { periodicJobsFactory } from './jobs/periodic-jobs.js';
import type { Logger } from './logging/logger.js';
import { purgeEventsBefore } from './realtime/event-log-repository.js';

/** How this process signs the jobs it holds: host, pid and a random part (pids repeat). */
export const workerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** What pushed events are kept for catch-up (README: 24 h). */
const EVENT_RETENTION_MS = 24 * 3_600_000;
const MINUTE = 60_000;

/**
 * The periodic work of every process, run once per interval across all of them
 * (server/jobs/periodic-jobs.ts): offer timeouts, and the purges that keep the
 * idempotency keys, the realtime catch-up log and the throttling counters small.
 */
export function startPeriodicJobs(deps: {
  config: Pick<Config, 'OFFER_TIMEOUT_S' | 'JOB_LEASE_MS'>;
  db: Database;
  offers: Pick<DispatchService, 'expireStaleOffers'>;
  logger: Logger;
  worker: string;
}) {
  const { config, db, logger } = deps;
  const log = logger.child({ module: 'jobs' });
  // Well inside the timeout, so an offer expires at most a quarter late.
  const sweepEveryMs = Math.max(250, Math.min(5_000, (config.OFFER_TIMEOUT_S * 1000) / 4));
  const jobs = periodicJobsFactory({ db, logger, worker: deps.worker, tickMs: sweepEveryMs });
  jobs.register({
    name: 'offer-timeouts',
    everyMs: sweepEveryMs,
    leaseMs: config.JOB_LEASE_MS,
    run: async () => {
      const count = await deps.offers.expireStaleOffers(config.OFFER_TIMEOUT_S);
      if (count) log.info({ count }, 'offers expired and re-offered');
    },
  });
  jobs.register({
    name: 'idempotency-purge',
    everyMs: 10 * MINUTE,
    leaseMs: config.JOB_LEASE_MS,
    run: () => purgeExpiredKeys(db.query),
  });
  jobs.register({
    name: 'realtime-events-purge',
    everyMs: 10 * MINUTE,
    leaseMs: config.JOB_LEASE_MS,
    run: () => purgeEventsBefore(db.query, new Date(Date.now() - EVENT_RETENTION_MS)),
  });
  jobs.register({
    name: 'throttling-purge',
    everyMs: 10 * MINUTE,
    leaseMs: config.JOB_LEASE_MS,
    run: async () => {
      await purgeRateLimitCounters(db.query);
      await purgeSignInFailures(db.query);
    },
  });
  return jobs;
}
