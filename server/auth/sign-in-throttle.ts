import type { Queryable } from '../db/database.js';
import { AppError } from '../http/errors.js';

export interface SignInThrottleSettings {
  /** Failed sign-ins per account and address before any wait: a mistyping person never waits. */
  freeFailures: number;
  /** Failed sign-ins per address, across accounts, before any wait (a shared station). */
  freeFailuresPerAddress: number;
  /** The first wait; each further failure doubles it. */
  baseDelayMs: number;
  /** The longest wait per account and address, and per address. */
  maxDelayMs: number;
  maxDelayPerAddressMs: number;
}

/** Failures older than this since the last one are forgotten. */
const FORGET_AFTER_MS = 15 * 60_000;

/**
 * Slows password guessing without locking anyone out. Counted per (account,
 * address): someone guessing a dispatcher's password from elsewhere makes
 * only their own attempts wait, never the dispatcher's at the station. After
 * `freeFailures`, each attempt must wait a delay that doubles with every
 * further failure (capped), answered 429 with Retry-After before the password
 * is even checked. Per address, across accounts, the same much later and with
 * a short cap, against spraying one password over many accounts: a station's
 * users may then wait seconds, never minutes. A success clears its (account,
 * address) count. Kept in the database: every process sees the same counts.
 */
export function signInThrottleFactory(q: Queryable, settings: SignInThrottleSettings) {
  const keys = (email: string, ip: string | null) => {
    const address = ip ?? 'unknown';
    return { pair: `account:${email}|address:${address}`, address: `address:${address}` };
  };

  const waitFor = (failures: number, free: number, capMs: number) =>
    failures <= free ? 0 : Math.min(capMs, settings.baseDelayMs * 2 ** (failures - free - 1));

  /** Throws 429 when this attempt must wait longer. */
  async function check(email: string, ip: string | null): Promise<void> {
    const k = keys(email, ip);
    const rows = await q('sign_in_failures')
      .whereIn('key', [k.pair, k.address])
      .where('last_failure_at', '>', q.raw(`now() - interval '${FORGET_AFTER_MS} milliseconds'`))
      .select<Array<{ key: string; failures: number; last_failure_at: Date }>>();
    let retryAtMs = 0;
    for (const row of rows) {
      const delay =
        row.key === k.pair
          ? waitFor(row.failures, settings.freeFailures, settings.maxDelayMs)
          : waitFor(row.failures, settings.freeFailuresPerAddress, settings.maxDelayPerAddressMs);
      retryAtMs = Math.max(retryAtMs, row.last_failure_at.getTime() + delay);
    }
    const waitMs = retryAtMs - Date.now();
    if (waitMs <= 0) return;
    const seconds = Math.ceil(waitMs / 1000);
    throw new AppError(
      429,
      'rate_limited',
      `Too many failed sign-ins for this account from here: wait ${seconds} s before trying again`,
      undefined,
      { retryAfterSeconds: seconds },
    );
  }

  async function recordFailure(email: string, ip: string | null): Promise<void> {
    const k = keys(email, ip);
    for (const key of [k.pair, k.address]) {
      await q.raw(
        `insert into sign_in_failures as f (key, failures, last_failure_at) values (?, 1, now())
         on conflict (key) do update set
           failures = case when f.last_failure_at <= now() - interval '${FORGET_AFTER_MS} milliseconds'
                      then 1 else f.failures + 1 end,
           last_failure_at = now()`,
        [key],
      );
    }
  }

  async function recordSuccess(email: string, ip: string | null): Promise<void> {
    await q('sign_in_failures')
      .where({ key: keys(email, ip).pair })
      .delete();
  }

  return { check, recordFailure, recordSuccess };
}

export type SignInThrottle = ReturnType<typeof signInThrottleFactory>;

/** Forgets counts older than the window; returns how many (counted in SQL for PGlite). */
export async function purgeSignInFailures(q: Queryable): Promise<number> {
  const { rows } = await q.raw<{ rows: Array<{ n: number }> }>(
    `with gone as (delete from sign_in_failures
       where last_failure_at <= now() - interval '${FORGET_AFTER_MS} milliseconds' returning 1)
     select count(*)::int as n from gone`,
  );
  return rows[0]?.n ?? 0;
}
