import type { Knex } from 'knex';
import type { Queryable } from '../db/database.js';

/** One replay at a time across every process: the claim runs under this transaction lock. */
const REPLAY_CLAIM_LOCK = 20261123_0400;

export interface ClaimedReplay {
  id: string;
  attempts: number;
  candidate: Record<string, unknown> | null;
  from: string | null;
  to: string | null;
}

/** Jobs waiting or running (a running one whose lease ran out counts until it is re-claimed). */
export async function countUnfinishedReplays(q: Queryable): Promise<number> {
  const row = await q('replay_jobs')
    .whereIn('status', ['queued', 'running'])
    .count<{ n: number }>({ n: '*' })
    .first();
  return Number(row?.n ?? 0);
}

/**
 * The next replay to run, or undefined: none while another is running with a
 * live lease (one at a time, on every process). A running job whose lease ran
 * out (its process died) is taken over first, oldest first, then queued ones.
 */
export async function claimNextReplay(
  trx: Knex.Transaction,
  claim: { worker: string; leaseMs: number },
): Promise<ClaimedReplay | undefined> {
  await trx.raw('select pg_advisory_xact_lock(?)', [REPLAY_CLAIM_LOCK]);
  const busy = await trx('replay_jobs')
    .where({ status: 'running' })
    .where('lease_until', '>', trx.fn.now())
    .first('id');
  if (busy) return undefined;
  const { rows } = await trx.raw<{ rows: ClaimedReplay[] }>(
    `with next as (
       select id from replay_jobs
       where status = 'queued' or (status = 'running' and (lease_until is null or lease_until <= now()))
       order by (status = 'running') desc, created_at
       limit 1 for update skip locked)
     update replay_jobs j
     set status = 'running', attempts = j.attempts + 1, locked_by = ?,
         lease_until = now() + ? * interval '1 millisecond', started_at = now(), processed = 0
     from next where j.id = next.id
     returning j.id, j.attempts, j.candidate, j.params->>'from' as "from", j.params->>'to' as "to"`,
    [claim.worker, claim.leaseMs],
  );
  return rows[0];
}

/** Extends this worker's lease; false when it no longer holds the job. */
export async function extendReplayLease(
  q: Queryable,
  lease: { id: string; worker: string; leaseMs: number },
): Promise<boolean> {
  const { rows } = await q.raw<{ rows: Array<{ id: string }> }>(
    `update replay_jobs set lease_until = now() + ? * interval '1 millisecond'
     where id = ? and locked_by = ? and status = 'running' returning id`,
    [lease.leaseMs, lease.id, lease.worker],
  );
  return rows.length === 1;
}

/** Puts a job this worker holds back in the queue (a shutdown is not an attempt). */
export async function releaseReplay(q: Queryable, id: string, worker: string): Promise<void> {
  await q('replay_jobs')
    .where({ id, locked_by: worker, status: 'running' })
    .update({
      status: 'queued',
      locked_by: null,
      lease_until: null,
      attempts: q.raw('greatest(attempts - 1, 0)'),
    });
}

/** Only the holder may finish a job: a worker that lost its lease must not overwrite. */
export function heldBy(q: Queryable, id: string, worker: string) {
  return q('replay_jobs').where({ id, locked_by: worker, status: 'running' });
}
