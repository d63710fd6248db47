import type { Queryable } from '../db/database.js';

/** The job's row, due at once when new. */
export async function ensureSchedule(q: Queryable, name: string): Promise<void> {
  await q.raw('insert into job_schedules (name) values (?) on conflict (name) do nothing', [name]);
}

/**
 * Claims a periodic job when it is due and nobody holds it: one statement, so
 * of several processes asking at once exactly one gets it. The next run is
 * due `everyMs` after this one started; the lease is how long this process may
 * hold it before another may take over (a process that died).
 */
export async function claimSchedule(
  q: Queryable,
  claim: { name: string; everyMs: number; leaseMs: number; worker: string },
): Promise<boolean> {
  const { rows } = await q.raw<{ rows: Array<{ name: string }> }>(
    `update job_schedules
     set locked_by = ?, lease_until = now() + ? * interval '1 millisecond',
         next_run_at = now() + ? * interval '1 millisecond', last_started_at = now()
     where name = ? and next_run_at <= now() and (lease_until is null or lease_until <= now())
     returning name`,
    [claim.worker, claim.leaseMs, claim.everyMs, claim.name],
  );
  return rows.length === 1;
}

/** Gives the job back after a run (only if this worker still holds it). */
export async function releaseSchedule(
  q: Queryable,
  release: { name: string; worker: string; error: string | null },
): Promise<void> {
  await q('job_schedules').where({ name: release.name, locked_by: release.worker }).update({
    locked_by: null,
    lease_until: null,
    last_finished_at: q.fn.now(),
    last_error: release.error,
  });
}
