import type { Queryable } from '../db/database.js';
import type { ReplayReport } from './replay-report.js';
import { heldBy } from './replay-queue-repository.js';

export type ReplayJobStatus = 'queued' | 'running' | 'completed' | 'failed';

export interface ReplayJobParamsRecord {
  from: string | null;
  to: string | null;
  candidateRuleSetVersion: string;
  files: string[];
}

interface ReplayJobRow {
  id: string;
  requested_by: string | null;
  status: ReplayJobStatus;
  processed: number;
  total: number;
  params: ReplayJobParamsRecord;
  result: ReplayReport | null;
  error: string | null;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

/** A replay job as the API shows it. */
export interface ReplayJob {
  id: string;
  status: ReplayJobStatus;
  requestedBy: string | null;
  params: ReplayJobParamsRecord;
  progress: { processed: number; total: number };
  result: ReplayReport | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

function toJob(row: ReplayJobRow): ReplayJob {
  return {
    id: row.id,
    status: row.status,
    requestedBy: row.requested_by,
    params: row.params,
    progress: { processed: row.processed, total: row.total },
    result: row.result,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

export async function insertReplayJob(
  q: Queryable,
  job: {
    requestedBy: string;
    params: ReplayJobParamsRecord;
    /** The uploaded rule files, kept until the job ends so any process can run it. */
    candidate: Record<string, unknown>;
  },
): Promise<ReplayJob> {
  const [row] = await q('replay_jobs')
    .insert({
      requested_by: job.requestedBy,
      params: JSON.stringify(job.params),
      candidate: JSON.stringify(job.candidate),
    })
    .returning<ReplayJobRow[]>('*');
  if (!row) throw new Error('replay job insert returned no row');
  return toJob(row);
}

export async function findReplayJob(q: Queryable, id: string): Promise<ReplayJob | undefined> {
  const row = await q<ReplayJobRow>('replay_jobs').where({ id }).first();
  return row ? toJob(row) : undefined;
}

/** Progress of a job this worker holds. */
export async function updateReplayJobProgress(
  q: Queryable,
  id: string,
  worker: string,
  progress: { processed: number; total: number },
): Promise<void> {
  await heldBy(q, id, worker).update(progress);
}

/** Ends a job this worker holds; its candidate files are no longer needed. */
export async function finishReplayJob(
  q: Queryable,
  id: string,
  worker: string,
  outcome: { result: ReplayReport } | { error: string },
): Promise<void> {
  const finished = {
    finished_at: q.fn.now(),
    candidate: null,
    locked_by: null,
    lease_until: null,
  };
  if ('result' in outcome) {
    const { calls } = outcome.result;
    await heldBy(q, id, worker).update({
      ...finished,
      status: 'completed',
      processed: calls,
      total: calls,
      result: JSON.stringify(outcome.result),
    });
    return;
  }
  await heldBy(q, id, worker).update({ ...finished, status: 'failed', error: outcome.error });
}

/** How many replay jobs are in each status (the metrics endpoint reads it). */
export async function countReplayJobsByStatus(
  q: Queryable,
): Promise<Partial<Record<ReplayJobStatus, number>>> {
  const rows = (await q('replay_jobs')
    .select('status')
    .count({ n: '*' })
    .groupBy('status')) as Array<{
    status: ReplayJobStatus;
    n: string | number;
  }>;
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
