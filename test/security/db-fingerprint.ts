import type { Database } from '../../server/db/database.js';

/**
 * Tables a rejected request may legitimately touch: the audit log (failed
 * sign-ins and denials are recorded), idempotency keys (4xx answers are kept
 * for replay, by design), and the realtime event log, written after commit by
 * the publisher for accepted changes only but possibly a moment later; the
 * request counters and failed sign-in counts (every request, rejected ones too);
 * the periodic jobs' schedule, which every process updates on its own clock.
 */
const legitimatelyWritten = new Set([
  'audit_log',
  'idempotency_keys',
  'realtime_events',
  'realtime_event_purges',
  'rate_limit_counters',
  'sign_in_failures',
  'job_schedules',
]);

/** Per table, row count and a hash of every row's content: updates show up too, not only inserts. */
export async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await db.query.raw<{ rows: Array<{ table_name: string }> }>(
    `select table_name from information_schema.tables
     where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  const watched = tables.rows.map((r) => r.table_name).filter((t) => !legitimatelyWritten.has(t));
  // One round trip for all tables: this runs several times per batch.
  const sql = watched
    .map(
      () =>
        `select ? as t, count(*)::int as n, coalesce(md5(string_agg(md5(x::text), ',' order by md5(x::text))), '') as h from ?? x`,
    )
    .join(' union all ');
  const { rows } = await db.query.raw<{ rows: Array<{ t: string; n: number; h: string }> }>(
    sql,
    watched.flatMap((t) => [t, t]),
  );
  return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
}

/** A fingerprint once background work from earlier accepted requests has settled. */
export async function settledFingerprint(db: Database): Promise<Record<string, string>> {
  let previous = await fingerprint(db);
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 40));
    const next = await fingerprint(db);
    if (JSON.stringify(next) === JSON.stringify(previous)) return next;
    previous = next;
  }
  return previous;
}
