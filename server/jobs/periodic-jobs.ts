import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import { claimSchedule, ensureSchedule, releaseSchedule } from './schedule-repository.js';

export interface PeriodicJob {
  name: string;
  everyMs: number;
  /** How long a run may take before another process may assume this one died. */
  leaseMs: number;
  run(): Promise<unknown>;
}

/**
 * Periodic work shared by all processes through `job_schedules`: every
 * process asks every `tickMs` whether a job is due, and the one whose claim
 * succeeds runs it. Runs never overlap, across processes or in one (a run
 * longer than its interval delays the next), and the work happens once per
 * interval however many processes there are.
 */
export function periodicJobsFactory(deps: {
  db: Pick<Database, 'query'>;
  logger: Logger;
  worker: string;
  tickMs: number;
}) {
  const log = deps.logger.child({ module: 'jobs' });
  const jobs: PeriodicJob[] = [];
  const running = new Map<string, Promise<void>>();

  const ensured = new Set<string>();

  async function runIfDue(job: PeriodicJob): Promise<void> {
    if (!ensured.has(job.name)) {
      await ensureSchedule(deps.db.query, job.name);
      ensured.add(job.name);
    }
    const claimed = await claimSchedule(deps.db.query, { ...job, worker: deps.worker });
    if (!claimed) return;
    let error: string | null = null;
    try {
      await job.run();
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      log.warn({ job: job.name, err: error }, 'periodic job failed');
    }
    await releaseSchedule(deps.db.query, { name: job.name, worker: deps.worker, error });
  }

  const tick = () => {
    for (const job of jobs) {
      if (running.has(job.name)) continue;
      const run = runIfDue(job)
        .catch((err: unknown) =>
          log.warn(
            { job: job.name, err: (err as Error).message },
            'could not claim a periodic job',
          ),
        )
        .finally(() => running.delete(job.name));
      running.set(job.name, run);
    }
  };
  const timer = setInterval(tick, deps.tickMs);
  timer.unref();

  return {
    register(job: PeriodicJob): void {
      jobs.push(job);
    },
    /** Stops asking; waits for runs under way (each is short: a sweep, a purge). */
    async stop(): Promise<void> {
      clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}

export type PeriodicJobs = ReturnType<typeof periodicJobsFactory>;
