import type { Queryable } from '../db/database.js';
import type { Call, Disposition } from '../../shared/call-schema.js';

export interface ReplayRange {
  /** Inclusive lower bound on `received_at`. */
  from?: Date;
  /** Exclusive upper bound on `received_at`. */
  to?: Date;
}

/**
 * Keyset position: the last row's `received_at` as exact text (microseconds kept; a JS Date
 * would round them and re-read or skip rows that share a millisecond) and its id.
 */
export interface ReplayCursor {
  receivedAt: string;
  id: string;
}

/** The parts of a stored call that triage reads (see `triageInput`). */
export type TriageInput = Pick<Call, 'patient' | 'complaint' | 'answers' | 'vitals'>;

export interface ReplayRow {
  id: string;
  /** ISO 8601 UTC with microseconds; also the keyset position. */
  received_at: string;
  input: TriageInput;
  /** The disposition of the call's intake triage decision. */
  old_disposition: Disposition;
}

export interface SafetyFlags {
  id: string;
  /** A completed attendance ended with transport to the ED. */
  transported_ed: boolean;
  /** The same patient (non-null key) called again within 72 h after a completed attendance. */
  recontact_72h: boolean;
}

function inRange(q: Queryable, range: ReplayRange) {
  const query = q('calls as c');
  if (range.from) query.where('c.received_at', '>=', range.from);
  if (range.to) query.where('c.received_at', '<', range.to);
  return query;
}

export async function countCalls(q: Queryable, range: ReplayRange): Promise<number> {
  const row = (await inRange(q, range).count<{ count: number | string }[]>({ count: '*' }))[0];
  return Number(row?.count ?? 0);
}

const receivedAtText = `to_char(c.received_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as received_at`;

/**
 * Triage decides on patient, complaint, answers, vitals and notes only (location and times
 * never change a decision; see deriveFacts), so only those parts of the stored input are
 * read: half the bytes to convert, send and parse for every call. Notes screening is part
 * of rule set v2; absent notes are left out rather than sent as null.
 */
const triageInput = `json_strip_nulls(json_build_object('patient', c.input->'patient',
  'complaint', c.input->'complaint', 'answers', coalesce(c.input->'answers', '{}'),
  'vitals', coalesce(c.input->'vitals', '{}'), 'notes', c.input->'notes')) as input`;

/**
 * The next `limit` calls after `after`, in (received_at, id) order. The old disposition is
 * `recommended_disposition`, written with the intake triage decision and never changed
 * afterwards: reading it here saves a triage_decisions lookup per call.
 */
export async function readCallBatch(
  q: Queryable,
  range: ReplayRange,
  after: ReplayCursor | null,
  limit: number,
): Promise<ReplayRow[]> {
  const query = inRange(q, range)
    .select('c.id', 'c.recommended_disposition as old_disposition')
    .select(q.raw(receivedAtText), q.raw(triageInput))
    .orderBy([
      { column: 'c.received_at', order: 'asc' },
      { column: 'c.id', order: 'asc' },
    ])
    .limit(limit);
  if (after)
    query.whereRaw('(c.received_at, c.id) > (?::timestamptz, ?::uuid)', [
      after.receivedAt,
      after.id,
    ]);
  return (await query) as ReplayRow[];
}

// The later call must come after both the attendance and the call itself, so the call never
// counts as its own re-contact and the lookup stays inside the (patient_key, received_at) index.
const safetyFlagsSql = `select * from (
  select c.id,
    exists (select 1 from assignments a
      where a.call_id = c.id and a.status = 'completed' and a.outcome = 'transported_ed') as transported_ed,
    (c.patient_key is not null and exists (select 1 from assignments a
      join calls later on later.patient_key = c.patient_key
        and later.received_at > greatest(a.completed_at, c.received_at)
        and later.received_at <= a.completed_at + interval '72 hours'
      where a.call_id = c.id and a.status = 'completed' and a.completed_at is not null)) as recontact_72h
  from calls c where c.id = any(?::uuid[])
) flags where transported_ed or recontact_72h`;

/**
 * Safety facts of the given calls, set-based in one statement; only flagged calls come back.
 * Asked only for calls the candidate diverts, since only those can raise a warning.
 */
export async function readSafetyFlags(
  q: Queryable,
  ids: readonly string[],
): Promise<SafetyFlags[]> {
  if (ids.length === 0) return [];
  // One array literal, not one placeholder per id (knex would expand a JS array); the ids
  // are uuids read back from the database, so the literal needs no quoting.
  const result = await q.raw<{ rows: SafetyFlags[] }>(safetyFlagsSql, [`{${ids.join(',')}}`]);
  return result.rows;
}

/**
 * A `received_at` that splits the range into two halves of about equal size (index-only, so
 * cheap), or null when the range is empty.
 */
export async function medianReceivedAt(
  q: Queryable,
  range: ReplayRange,
  total: number,
): Promise<Date | null> {
  const row = await inRange(q, range)
    .select<{ received_at: Date }[]>('c.received_at')
    .orderBy('c.received_at')
    .offset(Math.floor(total / 2))
    .first();
  return (row as { received_at: Date } | undefined)?.received_at ?? null;
}
