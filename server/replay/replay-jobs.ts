import { appendAudit } from '../audit/audit-repository.js';
import type { RequestContext } from '../auth/request-context.js';
import type { Database } from '../db/database.js';
import { AppError, NotFoundError } from '../http/errors.js';
import type { Logger } from '../logging/logger.js';
import { compileRuleSet } from '../triage/compiled-evaluator.js';
import { loadUploadedRuleSet } from './candidate-rules.js';
import { replayCalls } from './replay-calls.js';
import {
  findReplayJob,
  finishReplayJob,
  insertReplayJob,
  updateReplayJobProgress,
} from './replay-job-repository.js';
import type { ReplayJob } from './replay-job-repository.js';
import {
  claimNextReplay,
  countUnfinishedReplays,
  extendReplayLease,
  releaseReplay,
  type ClaimedReplay,
} from './replay-queue-repository.js';

export interface ReplayQueueSettings {
  /** Replays waiting or running, across all processes, before a request is refused (429). */
  maxUnfinished: number;
  /** How long a worker holds a job without a heartbeat before another may take it over. */
  leaseMs: number;
  /** How often an idle worker looks for a job (a request on this process looks at once). */
  pollMs: number;
  /** Claims of one job (each a process that died running it) before it is marked failed. */
  maxAttempts: number;
}

export interface ReplayJobsDeps {
  db: Database;
  logger: Logger;
  /** Version of the rules in force: the "current" side of every report. */
  currentRuleSetVersion: string;
  /** This process, as it signs the jobs it holds. */
  worker: string;
  queue: ReplayQueueSettings;
}

export interface ReplayRequest {
  files: Record<string, unknown>;
  from?: Date;
  to?: Date;
}

class ReplayStopped extends Error {}

/**
 * What-if replays as durable background jobs in `replay_jobs`, shared by every
 * process. A request is validated, stored with its candidate files and answered
 * at once; whichever process claims it runs it. One replay runs at a time across
 * all processes (each reads every call in its window: two would only slow both),
 * the queue is bounded, a running job's lease is extended by a heartbeat, a job
 * whose process died is taken over when its lease runs out (and failed after
 * `maxAttempts` such deaths), and shutdown puts a running job back in the queue
 * instead of waiting for it.
 */
export function replayJobsFactory(deps: ReplayJobsDeps) {
  const log = deps.logger.child({ module: 'replay' });
  const { db, worker, queue } = deps;
  let stopping = false;
  let current: { id: string; run: Promise<void> } | undefined;
  let looking: Promise<void> | undefined;

  async function run(job: ClaimedReplay): Promise<void> {
    let lost = false;
    const heartbeat = setInterval(() => {
      extendReplayLease(db.query, { id: job.id, worker, leaseMs: queue.leaseMs }).then(
        (held) => (lost ||= !held),
        (err: unknown) =>
          log.warn({ jobId: job.id, err: (err as Error).message }, 'heartbeat failed'),
      );
    }, queue.leaseMs / 3);
    heartbeat.unref();
    // Progress writes are chained so they land in order, and all land before the result.
    let progressWritten: Promise<void> = Promise.resolve();
    try {
      if (job.attempts > queue.maxAttempts)
        throw new Error(`the process running it stopped ${queue.maxAttempts} times`);
      if (!job.candidate) throw new Error('its candidate rules were not kept (a job from before)');
      const ruleSet = await loadUploadedRuleSet(job.candidate);
      const result = await replayCalls(db, {
        from: job.from ? new Date(job.from) : undefined,
        to: job.to ? new Date(job.to) : undefined,
        currentRuleSetVersion: deps.currentRuleSetVersion,
        candidate: compileRuleSet(ruleSet),
        onProgress: (progress) => {
          // Between batches: the one place a replay stops (shutdown, a lost lease).
          if (stopping || lost) throw new ReplayStopped();
          progressWritten = progressWritten
            .then(() => updateReplayJobProgress(db.query, job.id, worker, progress))
            .catch((err: unknown) => log.warn({ jobId: job.id, err }, 'replay progress not saved'));
        },
      });
      await progressWritten;
      await finishReplayJob(db.query, job.id, worker, { result });
      log.info({ jobId: job.id, calls: result.calls, changed: result.changed }, 'replay completed');
    } catch (error) {
      if (error instanceof ReplayStopped) return; // released by stop(), or taken over
      log.error({ jobId: job.id, err: error }, 'replay failed');
      await finishReplayJob(db.query, job.id, worker, { error: (error as Error).message }).catch(
        () => undefined,
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Claims and runs jobs until none is free to run here. */
  async function work(): Promise<void> {
    while (!stopping && !current) {
      const job = await db.transaction((trx) =>
        claimNextReplay(trx, { worker, leaseMs: queue.leaseMs }),
      );
      if (!job) return;
      log.info({ jobId: job.id, attempt: job.attempts }, 'replay claimed');
      const running = { id: job.id, run: run(job) };
      current = running;
      await running.run;
      current = undefined;
    }
  }

  const lookForWork = () => {
    if (looking || stopping) return;
    looking = work()
      .catch((err: unknown) =>
        log.warn({ err: (err as Error).message }, 'could not look for replay jobs'),
      )
      .finally(() => (looking = undefined));
  };
  const poll = setInterval(lookForWork, queue.pollMs);
  poll.unref();

  return {
    /** Validates the candidate rules (400 naming file, rule and path), records the job, queues it. */
    async request(context: RequestContext, request: ReplayRequest): Promise<ReplayJob> {
      const ruleSet = await loadUploadedRuleSet(request.files);
      const params = {
        from: request.from?.toISOString() ?? null,
        to: request.to?.toISOString() ?? null,
        candidateRuleSetVersion: ruleSet.version,
        files: Object.keys(request.files).sort(),
      };
      const job = await db.transaction(async (trx) => {
        // A bound on work waiting, counted in the database: the same for every process.
        if ((await countUnfinishedReplays(trx)) >= queue.maxUnfinished) {
          throw new AppError(
            429,
            'replay_queue_full',
            `${queue.maxUnfinished} replays are already waiting or running: try again once one has finished`,
            undefined,
            { retryAfterSeconds: 30 },
          );
        }
        const inserted = await insertReplayJob(trx, {
          requestedBy: context.actor.id,
          params,
          candidate: request.files,
        });
        await appendAudit(trx, {
          by: context,
          action: 'rules:replay_requested',
          entityType: 'replay_job',
          entityId: inserted.id,
          details: params,
        });
        return inserted;
      });
      lookForWork();
      return job;
    },

    async get(id: string): Promise<ReplayJob> {
      const job = await findReplayJob(db.query, id);
      if (!job) throw new NotFoundError('Replay job');
      return job;
    },

    /**
     * Stops taking jobs and puts the one running here back in the queue, at
     * once: another process (or this one, restarted) runs it from the start.
     */
    async stop(): Promise<void> {
      stopping = true;
      clearInterval(poll);
      const running = current;
      if (!running) return;
      await releaseReplay(db.query, running.id, worker).catch((err: unknown) =>
        log.warn({ jobId: running.id, err: (err as Error).message }, 'could not release replay'),
      );
      log.info({ jobId: running.id }, 'replay put back in the queue for shutdown');
    },
  };
}

export type ReplayJobs = ReturnType<typeof replayJobsFactory>;
