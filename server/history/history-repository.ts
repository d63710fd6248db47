import type { Knex } from 'knex';
import type { Database, Queryable } from '../db/database.js';
import type { CarePlanRow, HistoryBatch } from './history-rows.js';

/**
 * Rows travel as one JSON parameter and are expanded by the database: half the
 * time of a 50,000-placeholder VALUES list, and no limit on bound values.
 * Columns are named, so columns added later keep their defaults.
 */
async function insertRows(
  trx: Knex.Transaction,
  table: string,
  rows: readonly object[],
): Promise<void> {
  const first = rows[0];
  if (!first) return;
  const columns = columnList(first);
  await trx.raw(
    `insert into ?? (${columns}) select ${columns} from json_populate_recordset(null::??, ?::json)`,
    [table, table, JSON.stringify(rows)],
  );
}

/** The columns a generated row carries, quoted: its type (history-rows.ts) decides them. */
const columnList = (row: object) =>
  Object.keys(row)
    .map((c) => `"${c}"`)
    .join(', ');

/** One batch in one transaction: calls first, so the assignment triggers and the referrals find them. */
export async function insertHistoryBatch(db: Database, batch: HistoryBatch): Promise<void> {
  await db.transaction(async (trx) => {
    await insertRows(trx, 'calls', batch.calls);
    await insertRows(trx, 'triage_decisions', batch.decisions);
    await insertRows(trx, 'assignments', batch.assignments);
    await insertRows(trx, 'referrals', batch.referrals);
  });
}

/**
 * Generated care plans, for patients who have none yet (a second history over the same
 * patients keeps the plans it finds). Returns how many versions were written.
 */
export async function insertGeneratedCarePlans(
  db: Database,
  rows: readonly CarePlanRow[],
): Promise<number> {
  const first = rows[0];
  if (!first) return 0;
  const carePlanColumns = columnList(first);
  const { rows: written } = await db.query.raw<{ rows: Array<{ n: number }> }>(
    `with added as (
       insert into care_plans (${carePlanColumns})
       select ${carePlanColumns} from json_populate_recordset(null::care_plans, ?::json) p
        where not exists (select 1 from care_plans c where c.patient_key = p.patient_key)
       returning 1)
     select count(*)::int as n from added`,
    [JSON.stringify(rows)],
  );
  return written[0]?.n ?? 0;
}

export async function countGeneratedCalls(q: Queryable): Promise<number> {
  const row = (await q('calls').where({ source: 'generated' }).count({ n: '*' }).first()) as
    { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}

/**
 * Deletes generated calls (their decisions, assignments, referrals and near misses go
 * with them) and generated care plans, a slice at a time, so no single transaction holds a million rows. The
 * audit log is append-only and holds nothing generated, so it is not touched.
 */
export async function deleteGeneratedCalls(
  db: Database,
  onProgress: (deleted: number) => void,
): Promise<number> {
  let deleted = 0;
  for (;;) {
    // Counted in SQL: knex's delete() count differs between pg and PGlite.
    const { rows } = await db.query.raw<{ rows: Array<{ n: number }> }>(
      `with gone as (delete from calls where id in (select id from calls where source = 'generated' limit 20000) returning 1)
       select count(*)::int as n from gone`,
    );
    const removed = rows[0]?.n ?? 0;
    if (removed === 0) break;
    deleted += removed;
    onProgress(deleted);
  }
  await db.query.raw('delete from care_plans where generated');
  // A recorded attendance whose re-contact was a generated call looks again.
  await db.query.raw(`update assignments a
    set recontact_at = (select min(c.received_at) from calls c
                        where c.patient_key = a.call_patient_key and c.received_at > a.completed_at)
    where a.status = 'completed' and a.recontact_at is not null
      and not exists (select 1 from calls c where c.patient_key = a.call_patient_key and c.received_at = a.recontact_at)`);
  return deleted;
}

/** Fresh planner statistics and visibility map after a bulk load (index-only scans need it). */
export async function analyseAfterLoad(db: Database): Promise<void> {
  if (db.dialect !== 'postgres') return;
  await db.query.raw('vacuum analyze calls, assignments, triage_decisions, referrals, care_plans');
}

export async function userExists(q: Queryable, id: string): Promise<boolean> {
  return Boolean(await q('users').where({ id }).first('id'));
}
