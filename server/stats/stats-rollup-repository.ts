import type { Knex } from 'knex';
import type { Queryable } from '../db/database.js';
import type { Disposition } from '../../shared/event-contract.js';
import type { AttendanceAggregateRow, CallAggregateRow } from './stats-repository.js';

// The monthly roll-ups of migration 0300: rows of the live aggregate queries,
// stored per local month (YYYY-MM-01) and recommended pathway.

/**
 * Locks, per transaction: ROLLUP_LOCK serialises taking the dirty marks; each
 * month has its own lock, held while that month is built or forgotten, so a
 * month is never stored from a snapshot that a mark taken meanwhile made stale.
 * Order: the global lock, then months in ascending order; builders take one month.
 */
const ROLLUP_LOCK = 20261123_0300;

export async function lockRollups(trx: Knex.Transaction): Promise<void> {
  await trx.raw('select pg_advisory_xact_lock(?)', [ROLLUP_LOCK]);
}

export async function lockRollupMonths(
  trx: Knex.Transaction,
  timeZone: string,
  months: string[],
): Promise<void> {
  for (const month of [...months].sort()) {
    await trx.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [
      `stats roll-up ${timeZone} ${month}`,
    ]);
  }
}

/** UTC days written to since the last rebuild (read; `forgetDirtyDays` takes them). */
export async function dirtyDays(trx: Knex.Transaction): Promise<string[]> {
  const { rows } = await trx.raw<{ rows: Array<{ day: string }> }>(
    `select to_char(day, 'YYYY-MM-DD') as day from stats_dirty_days order by day`,
  );
  return rows.map((r) => r.day);
}

export async function forgetDirtyDays(trx: Knex.Transaction, days: string[]): Promise<void> {
  if (days.length) await trx.raw('delete from stats_dirty_days where day = any(?::date[])', [days]);
}

/** When the first call was received (nothing can be aggregated before it), or null. */
export async function firstCallAt(q: Queryable): Promise<Date | null> {
  const row = await q('calls').min<{ first: Date | null }>('received_at as first').first();
  return row?.first ?? null;
}

/** Drops the roll-ups of `months`, and every roll-up built for another time zone. */
export async function forgetMonths(
  trx: Knex.Transaction,
  timeZone: string,
  months: string[],
): Promise<void> {
  for (const table of ['stats_rollup_months', 'stats_rollup_calls', 'stats_rollup_attendances']) {
    await trx(table).where('time_zone', '<>', timeZone).delete();
    if (months.length)
      await trx(table).where('time_zone', timeZone).whereIn('month', months).delete();
  }
}

export async function builtMonths(
  q: Queryable,
  timeZone: string,
  months: string[],
): Promise<Set<string>> {
  const { rows } = await q.raw<{ rows: Array<{ month: string }> }>(
    `select to_char(month, 'YYYY-MM-DD') as month from stats_rollup_months where time_zone = ? and month = any(?::date[])`,
    [timeZone, months],
  );
  return new Set(rows.map((r) => r.month));
}

export async function storeMonth(
  trx: Knex.Transaction,
  timeZone: string,
  month: string,
  rows: { calls: CallAggregateRow[]; attendances: AttendanceAggregateRow[] },
): Promise<void> {
  const tag = <T extends { bucket: string }>({ bucket: _, ...row }: T) => ({
    ...row,
    time_zone: timeZone,
    month,
  });
  const insert = async (table: string, list: object[]) => {
    if (!list.length) return;
    const columns = Object.keys(list[0]!).join(', ');
    await trx.raw(
      `insert into ${table} (${columns}) select ${columns} from json_populate_recordset(null::${table}, ?::json)`,
      [JSON.stringify(list)],
    );
  };
  await insert('stats_rollup_calls', rows.calls.map(tag));
  await insert('stats_rollup_attendances', rows.attendances.map(tag));
  await trx('stats_rollup_months').insert({ time_zone: timeZone, month });
}

/** Roll-up rows of `months`, bucketed by month or all as one ('-'). */
export async function rolledUp(
  q: Queryable,
  scope: {
    timeZone: string;
    months: string[];
    pathway?: Disposition | undefined;
    byMonth: boolean;
  },
): Promise<{ calls: CallAggregateRow[]; attendances: AttendanceAggregateRow[] }> {
  if (!scope.months.length) return { calls: [], attendances: [] };
  const bucket = scope.byMonth ? `to_char(month, 'YYYY-MM-DD')` : `'-'`;
  const where = `time_zone = ? and month = any(?::date[])${scope.pathway ? ' and pathway = ?' : ''}`;
  const bindings = [scope.timeZone, scope.months, ...(scope.pathway ? [scope.pathway] : [])];
  const [calls, attendances] = await Promise.all([
    q.raw<{ rows: CallAggregateRow[] }>(
      `select ${bucket} as bucket, '-' as pathway, bin, sum(calls)::int as calls, sum(within60)::int as within60
       from stats_rollup_calls where ${where} group by 1, 3`,
      bindings,
    ),
    q.raw<{ rows: AttendanceAggregateRow[] }>(
      `select ${bucket} as bucket, '-' as pathway, kind, disposition, outcome, bin,
         sum(attendances)::int as attendances, sum(dispatches)::int as dispatches, sum(overrides)::int as overrides,
         sum(linkable)::int as linkable, sum(recontacted)::int as recontacted, sum(missed)::int as missed
       from stats_rollup_attendances where ${where} group by 1, 3, 4, 5, 6`,
      bindings,
    ),
  ]);
  return { calls: calls.rows, attendances: attendances.rows };
}
