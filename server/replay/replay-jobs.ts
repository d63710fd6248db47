import { appendAudit } from '../audit/audit-repository.js';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import type { Logger } from '../logging/logger.js';
import { compileRuleSet } from '../triage/compiled-evaluator.js';
import type { RuleSet } from '../triage/rule-files.js';
import { loadUploadedRuleSet } from './candidate-rules.js';
import { replayCalls } from './replay-calls.js';
import {
  findReplayJob,
  finishReplayJob,
  insertReplayJob,
  markReplayJobRunning,
  updateReplayJobProgress,
} from './replay-job-repository.js';
import type { ReplayJob } from './replay-job-repository.js';

export interface ReplayJobsDeps {
  db: Database;
  logger: Logger;
  /** Version of the rules in force: the "current" side of every report. */
  currentRuleSetVersion: string;
}

export interface ReplayRequest {
  files: Record<string, unknown>;
  from?: Date;
  to?: Date;
}

/**
 * What-if replays as background jobs. Jobs run one at a time, in the order requested: each
 * one reads every call in its window, and two at once would only slow both (and, on PGlite,
 * share its one connection).
 */
export function replayJobsFactory(deps: ReplayJobsDeps) {
  const log = deps.logger.child({ module: 'replay' });
  let queue: Promise<void> = Promise.resolve();

  async function run(jobId: string, ruleSet: RuleSet, request: ReplayRequest): Promise<void> {
    const { db } = deps;
    // Progress writes are chained so they land in order, and all land before the result.
    let progressWritten: Promise<void> = Promise.resolve();
    try {
      await markReplayJobRunning(db.query, jobId);
      const result = await replayCalls(db, {
        from: request.from,
        to: request.to,
        currentRuleSetVersion: deps.currentRuleSetVersion,
        candidate: compileRuleSet(ruleSet),
        onProgress: (progress) => {
          progressWritten = progressWritten
            .then(() => updateReplayJobProgress(db.query, jobId, progress))
            .catch((err: unknown) => log.warn({ jobId, err }, 'replay progress not saved'));
        },
      });
      await progressWritten;
      await finishReplayJob(db.query, jobId, { result });
      log.info({ jobId, calls: result.calls, changed: result.changed }, 'replay completed');
    } catch (error) {
      log.error({ jobId, err: error }, 'replay failed');
      await finishReplayJob(db.query, jobId, { error: (error as Error).message }).catch(
        () => undefined,
      );
    }
  }

  return {
    /** Validates the candidate rules (400 naming file, rule and path), records the job, queues it. */
    async request(actor: Actor, request: ReplayRequest, ip: string | null): Promise<ReplayJob> {
      const ruleSet = await loadUploadedRuleSet(request.files);
      const params = {
        from: request.from?.toISOString() ?? null,
        to: request.to?.toISOString() ?? null,
        candidateRuleSetVersion: ruleSet.version,
        files: Object.keys(request.files).sort(),
      };
      const job = await deps.db.transaction(async (trx) => {
        const inserted = await insertReplayJob(trx, { requestedBy: actor.id, params });
        await appendAudit(trx, {
          actorId: actor.id,
          actorRole: actor.role,
          action: 'rules:replay_requested',
          entityType: 'replay_job',
          entityId: inserted.id,
          ip,
          details: params,
        });
        return inserted;
      });
      queue = queue.then(() => run(job.id, ruleSet, request));
      return job;
    },

    async get(id: string): Promise<ReplayJob> {
      const job = await findReplayJob(deps.db.query, id);
      if (!job) throw new NotFoundError('Replay job');
      return job;
    },

    /** Resolves once every queued replay has finished (tests, shutdown). */
    idle: () => queue,
  };
}

export type ReplayJobs = ReturnType<typeof replayJobsFactory>;
