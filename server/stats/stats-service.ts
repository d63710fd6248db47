import { rejectReasonLabels } from '../../shared/referrals.js';
import { overrideCategoryLabels, type OverrideCategory } from '../../shared/reason-categories.js';
import type { Database } from '../db/database.js';
import { ValidationError } from '../http/errors.js';
import { checkPeriod } from '../time/instant-schemas.js';
import { localMidnight } from '../time/local-date.js';
import type { Reason } from '../../shared/decision.js';
import { patientRefFactory, toStatsCallView, type StatsCallView } from './deidentify-row.js';
import { exportHeader, exportLine } from './stats-csv.js';
import {
  figuresFrom,
  processingBins,
  type BucketAggregates,
  type CostSetting,
  type Figures,
} from './stats-figures.js';
import { aggregatesFor } from './stats-aggregates.js';
import { callEndings } from './call-endings-repository.js';
import { clearanceCounts } from './clearance-repository.js';
import {
  bucketStarts,
  exportPage,
  listMissedOpportunities,
  listRecontacts,
  type ExportRow,
  type MissedRow,
} from './stats-repository.js';
import type { Bucket, StatsFilter, StatsQuery } from './stats-schemas.js';

export interface StatsDeps {
  db: Database;
  timeZone: string;
  cost: CostSetting;
  /** Key of the patient pseudonyms (the session secret). */
  secret: string;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
const MAX_BUCKETS = 1_000;
/** Five years (and a leap day): what a programme review asks for, and a bound on the work. */
export const MAX_PERIOD_DAYS = 5 * 365 + 2;
const EXPORT_PAGE = 5_000;

export type MissedKind = 'escalation' | 'override' | 'site_declined' | 'no_site' | 'paramedic';

/** Statistics for service leads; every call it shows is de-identified. */
export function statsServiceFactory(deps: StatsDeps) {
  const { db, timeZone, cost } = deps;
  const now = deps.now ?? (() => new Date());
  const patientRef = patientRefFactory(deps.secret);

  /** A date means that whole local day: `to=2026-01-31` includes the 31st. */
  function toFilter(query: StatsQuery): StatsFilter {
    const instant = (value: string, endOfDay: boolean) => {
      if (value.length > 10) return new Date(value);
      const [y, m, d] = value.split('-').map(Number) as [number, number, number];
      return localMidnight(y, m - 1, d + (endOfDay ? 1 : 0), timeZone);
    };
    const to = query.to ? instant(query.to, true) : now();
    const from = query.from ? instant(query.from, false) : new Date(to.getTime() - 365 * DAY_MS);
    checkPeriod({ from, to }, MAX_PERIOD_DAYS);
    return { from, to, ...(query.pathway ? { pathway: query.pathway } : {}) };
  }

  const range = (f: StatsFilter) => ({
    from: f.from.toISOString(),
    to: f.to.toISOString(),
    pathway: f.pathway ?? null,
  });

  async function summary(query: StatsQuery) {
    const f = toFilter(query);
    const [aggregates, clearance, endings] = await Promise.all([
      aggregatesFor(db, f, null, timeZone, now()),
      clearanceCounts(db.query, f),
      callEndings(db.query, f),
    ]);
    const { processingHistogram, ...figures } = figuresFrom(aggregates, cost);
    return {
      ...range(f),
      timeZone,
      ...figures,
      crisisCentreClearance: {
        ...clearance,
        rate: clearance.transports === 0 ? null : clearance.cleared / clearance.transports,
      },
      processingHistogram: processingBins(processingHistogram),
      callEndings: endings,
    };
  }

  async function timeseries(query: StatsQuery & { bucket: Bucket }) {
    const f = toFilter(query);
    const span = (f.to.getTime() - f.from.getTime()) / DAY_MS;
    const perBucket = { day: 1, week: 7, month: 28 }[query.bucket];
    if (span / perBucket > MAX_BUCKETS) {
      throw new ValidationError(
        'invalid_query',
        `Invalid query: more than ${MAX_BUCKETS} ${query.bucket} buckets`,
        [{ path: 'bucket', message: 'too many buckets for this range: choose a longer bucket' }],
      );
    }
    const [starts, { calls, attendances }] = await Promise.all([
      bucketStarts(db.query, f, query.bucket, timeZone),
      aggregatesFor(db, f, query.bucket, timeZone, now()),
    ]);
    const byBucket = new Map<string, BucketAggregates>();
    const slot = (bucket: string) => {
      let rows = byBucket.get(bucket);
      if (!rows) byBucket.set(bucket, (rows = { calls: [], attendances: [] }));
      return rows;
    };
    for (const row of calls) slot(row.bucket).calls.push(row);
    for (const row of attendances) slot(row.bucket).attendances.push(row);
    const series = starts.map(({ bucket, start }) => {
      const { processingHistogram: _, ...figures } = figuresFrom(
        byBucket.get(bucket) ?? { calls: [], attendances: [] },
        cost,
      );
      return { bucket, start: start.toISOString(), ...figures };
    });
    return { ...range(f), timeZone, bucket: query.bucket, series };
  }

  async function recontacts(query: StatsQuery & { limit: number }) {
    const f = toFilter(query);
    const { total, rows } = await listRecontacts(db.query, f, query.limit);
    return {
      ...range(f),
      total,
      calls: rows.map((row) => ({
        ...toStatsCallView(row, patientRef),
        recontactAt: row.recontact_at.toISOString(),
        hoursToRecontact:
          Math.round(((row.recontact_at.getTime() - row.completed_at.getTime()) / 3_600_000) * 10) /
          10,
        recontactCallId: row.recontact_call_id,
        recontactRecommendedPathway: row.recontact_recommended,
      })),
    };
  }

  /** Free text a dispatcher typed goes to admins only; leads get its category. */
  async function missedOpportunities(query: StatsQuery & { limit: number }, viewer: Viewer) {
    const f = toFilter(query);
    const { total, rows } = await listMissedOpportunities(db.query, f, query.limit);
    return {
      ...range(f),
      total,
      calls: rows.map((row) => ({
        ...toStatsCallView(row, patientRef),
        ...missedReason(row, viewer),
      })),
    };
  }

  /** The attendances behind the figures, as CSV lines, a page at a time. */
  async function* exportCsv(query: StatsQuery, viewer: Viewer): AsyncGenerator<string> {
    const line = (row: ExportRow) => exportLine(row, patientRef, viewer === 'admin');
    const f = toFilter(query);
    // The first page is read before anything is sent, so a fault still gets a JSON error.
    let rows = await exportPage(db.query, f, null, EXPORT_PAGE);
    yield `${exportHeader.join(',')}\r\n${rows.map(line).join('')}`;
    while (rows.length === EXPORT_PAGE) {
      const last = rows[rows.length - 1]!;
      rows = await exportPage(
        db.query,
        f,
        { at: last.sort_at, id: last.attendance_id },
        EXPORT_PAGE,
      );
      if (rows.length) yield rows.map(line).join('');
    }
  }

  return { toFilter, summary, timeseries, recontacts, missedOpportunities, exportCsv };
}

export type StatsService = ReturnType<typeof statsServiceFactory>;
export type Summary = Awaited<ReturnType<StatsService['summary']>>;
export type { Figures, StatsCallView };

/** Who reads the statistics: leads, or admins (who also see the free text behind a category). */
export type Viewer = 'lead' | 'admin';

/** Why a call triage sent to an alternate pathway ended at the ED. */
function missedReason(
  row: MissedRow,
  viewer: Viewer,
): { kind: MissedKind; category: OverrideCategory | null; reason: string } {
  if (row.override_category || row.override_reason) {
    const category = row.override_category ?? 'other';
    const typed = viewer === 'admin' && row.override_reason ? `: ${row.override_reason}` : '';
    if (!row.escalated)
      return {
        kind: 'override',
        category,
        reason: `Dispatcher override (${overrideCategoryLabels[category]})${typed}`,
      };
  }
  const none = { category: null };
  if (row.escalated) {
    const why = (row.escalation_reasons ?? []).map((r: Reason) => r.message).join(' ');
    return {
      ...none,
      kind: 'escalation',
      reason: `Escalated on scene: ${why || 'the re-triage recommended the emergency department'}`,
    };
  }
  if (row.declined_by && row.declined_reason) {
    return {
      ...none,
      kind: 'site_declined',
      reason: `Declined by ${row.declined_by} (${rejectReasonLabels[row.declined_reason]}): the emergency department instead`,
    };
  }
  if (row.served_disposition === 'emergency_department') {
    return {
      ...none,
      kind: 'no_site',
      reason:
        row.destination_reason ??
        'No site could take the patient: the emergency department instead',
    };
  }
  return {
    ...none,
    kind: 'paramedic',
    reason: "Transported to the emergency department at the attending paramedic's judgement",
  };
}
