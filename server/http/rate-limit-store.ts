import type { ClientRateLimitInfo, Options, Store } from 'express-rate-limit';
import type { Queryable } from '../db/database.js';

/**
 * express-rate-limit's counters in PostgreSQL (or PGlite), so N processes share
 * one limit and a restart does not reset it. One statement per request: an
 * upsert that starts a fresh window when the old one has ended. Expired rows
 * are purged by the `rate-limit-purge` job.
 */
export class DatabaseRateLimitStore implements Store {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly q: Queryable,
    readonly prefix: string,
  ) {}

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const { rows } = await this.q.raw<{ rows: Array<{ hits: number; reset_at: Date }> }>(
      `insert into rate_limit_counters as c (key, hits, reset_at)
       values (?, 1, now() + ? * interval '1 millisecond')
       on conflict (key) do update set
         hits = case when c.reset_at <= now() then 1 else c.hits + 1 end,
         reset_at = case when c.reset_at <= now() then excluded.reset_at else c.reset_at end
       returning hits, reset_at`,
      [this.prefix + key, this.windowMs],
    );
    const row = rows[0];
    return { totalHits: row?.hits ?? 1, resetTime: row?.reset_at };
  }

  async get(key: string): Promise<ClientRateLimitInfo | undefined> {
    const row = await this.q('rate_limit_counters')
      .where({ key: this.prefix + key })
      .where('reset_at', '>', this.q.fn.now())
      .first<{ hits: number; reset_at: Date } | undefined>('hits', 'reset_at');
    return row ? { totalHits: row.hits, resetTime: row.reset_at } : undefined;
  }

  async decrement(key: string): Promise<void> {
    await this.q('rate_limit_counters')
      .where({ key: this.prefix + key })
      .where('reset_at', '>', this.q.fn.now())
      .update({ hits: this.q.raw('greatest(hits - 1, 0)') });
  }

  async resetKey(key: string): Promise<void> {
    await this.q('rate_limit_counters')
      .where({ key: this.prefix + key })
      .delete();
  }
}

/** Deletes counters whose window has ended; returns how many (counted in SQL for PGlite). */
export async function purgeRateLimitCounters(q: Queryable): Promise<number> {
  const { rows } = await q.raw<{ rows: Array<{ n: number }> }>(
    `with gone as (delete from rate_limit_counters where reset_at <= now() returning 1)
     select count(*)::int as n from gone`,
  );
  return rows[0]?.n ?? 0;
}
