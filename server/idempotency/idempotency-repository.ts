import type { Queryable } from '../db/database.js';

export interface KeyRef {
  userId: string;
  key: string;
}

export interface ClaimRequest extends KeyRef {
  fingerprint: string;
  claimId: string;
  ttlHours: number;
  /** An in-progress claim older than this is taken to be abandoned (its process died). */
  leaseSeconds: number;
}

export type ExistingKey =
  | { state: 'in_progress'; fingerprint: string }
  | { state: 'completed'; fingerprint: string; status: number; body: string };

interface KeyRow {
  fingerprint: string;
  state: 'in_progress' | 'completed';
  response_status: number | null;
  response_body: string | null;
}

/**
 * Claims the key in one statement. The primary key makes concurrent claims of
 * one key queue on each other, so exactly one of them wins. A row that has
 * expired, or an in-progress claim of the same request whose lease ran out,
 * is taken over. Returns false when someone else holds or answered the key.
 */
export async function claimKey(q: Queryable, claim: ClaimRequest): Promise<boolean> {
  const result = await q.raw<{ rows: unknown[] }>(
    `insert into idempotency_keys (user_id, key, fingerprint, state, claim_id, claimed_at, expires_at)
     values (?, ?, ?, 'in_progress', ?, now(), now() + make_interval(hours => ?))
     on conflict (user_id, key) do update set
       fingerprint = excluded.fingerprint, state = 'in_progress', claim_id = excluded.claim_id,
       response_status = null, response_body = null,
       claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
     where idempotency_keys.expires_at <= now()
        or (idempotency_keys.state = 'in_progress'
            and idempotency_keys.fingerprint = excluded.fingerprint
            and idempotency_keys.claimed_at < now() - make_interval(secs => ?))
     returning claim_id`,
    [claim.userId, claim.key, claim.fingerprint, claim.claimId, claim.ttlHours, claim.leaseSeconds],
  );
  return result.rows.length === 1;
}

export async function findKey(q: Queryable, ref: KeyRef): Promise<ExistingKey | undefined> {
  const row = (await q('idempotency_keys')
    .where({ user_id: ref.userId, key: ref.key })
    .where('expires_at', '>', q.fn.now())
    .first('fingerprint', 'state', 'response_status', 'response_body')) as KeyRow | undefined;
  if (!row) return undefined;
  if (row.state === 'in_progress' || row.response_status === null || row.response_body === null) {
    return { state: 'in_progress', fingerprint: row.fingerprint };
  }
  return {
    state: 'completed',
    fingerprint: row.fingerprint,
    status: row.response_status,
    body: row.response_body,
  };
}

/** Records the final answer, if this claim still holds the key. */
export async function completeKey(
  q: Queryable,
  ref: KeyRef,
  claimId: string,
  answer: { status: number; body: string },
) {
  await q('idempotency_keys')
    .where({ user_id: ref.userId, key: ref.key, claim_id: claimId, state: 'in_progress' })
    .update({ state: 'completed', response_status: answer.status, response_body: answer.body });
}

/** Lets a retry run the request again (after a 5xx or a response we could not capture). */
export async function releaseKey(q: Queryable, ref: KeyRef, claimId: string): Promise<void> {
  await q('idempotency_keys')
    .where({ user_id: ref.userId, key: ref.key, claim_id: claimId, state: 'in_progress' })
    .delete();
}

/** Deletes expired keys; returns how many (counted in SQL: knex-pglite does not report a row count). */
export async function purgeExpiredKeys(q: Queryable): Promise<number> {
  const result = await q.raw<{ rows: Array<{ purged: number }> }>(
    `with purged as (delete from idempotency_keys where expires_at <= now() returning 1)
     select count(*)::int as purged from purged`,
  );
  return result.rows[0]?.purged ?? 0;
}
