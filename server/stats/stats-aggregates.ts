import type { Database } from '../db/database.js';
import { localDateLabel, localMonthStart, nextLocalMonth } from '../time/local-date.js';
import type { BucketAggregates } from './stats-figures.js';
import { attendanceAggregates, callAggregates, type AggregateScope } from './stats-repository.js';
import {
  builtMonths,
  forgetMonths,
  lockRollups,
  rolledUp,
  storeMonth,
  takeDirtyDays,
} from './stats-rollup-repository.js';
import type { Bucket, StatsFilter } from './stats-schemas.js';

/**
 * The aggregate rows behind a period's figures. Whole local months come from
 * the monthly roll-ups (rebuilt first if anything in them changed); the partial
 * months at either end, and day or week buckets, are aggregated live.
 */
export async function aggregatesFor(
  db: Database,
  f: StatsFilter,
  bucket: Bucket | null,
  timeZone: string,
): Promise<BucketAggregates> {
  // One query per range: an OR of ranges would scan the whole index instead of two slices of it.
  const live = async (ranges: AggregateScope['ranges']): Promise<BucketAggregates> => {
    const parts = await Promise.all(
      ranges.map((range) => {
        const scope: AggregateScope = { ranges: [range], pathway: f.pathway, bucket, timeZone };
        return Promise.all([
          callAggregates(db.query, scope),
          attendanceAggregates(db.query, scope),
        ]);
      }),
    );
    return { calls: parts.flatMap(([c]) => c), attendances: parts.flatMap(([, a]) => a) };
  };
  if (bucket === 'day' || bucket === 'week') return live([{ from: f.from, to: f.to }]);
  const { months, edges } = wholeMonths(f, timeZone);
  if (months.length) await ensureRollups(db, timeZone, months);
  const [rolled, ends] = await Promise.all([
    rolledUp(db.query, {
      timeZone,
      months: months.map((m) => m.label),
      pathway: f.pathway,
      byMonth: bucket === 'month',
    }),
    live(edges),
  ]);
  return {
    calls: [...rolled.calls, ...ends.calls],
    attendances: [...rolled.attendances, ...ends.attendances],
  };
}

interface Month {
  label: string;
  from: Date;
  to: Date;
}

/** The whole local months inside [from, to), and what is left at either end. */
export function wholeMonths(
  f: StatsFilter,
  timeZone: string,
): { months: Month[]; edges: Array<{ from: Date; to: Date }> } {
  let start = localMonthStart(f.from, timeZone);
  if (start < f.from) start = nextLocalMonth(start, timeZone);
  const end = localMonthStart(f.to, timeZone);
  if (start >= end) return { months: [], edges: [{ from: f.from, to: f.to }] };
  const months: Month[] = [];
  for (let m = start; m < end; m = nextLocalMonth(m, timeZone)) {
    months.push({ label: localDateLabel(m, timeZone), from: m, to: nextLocalMonth(m, timeZone) });
  }
  const edges = [
    { from: f.from, to: start },
    { from: end, to: f.to },
  ].filter((e) => e.from < e.to);
  return { months, edges };
}

/** Months touched by writes since the last rebuild are forgotten; missing months are built. */
async function ensureRollups(db: Database, timeZone: string, months: Month[]): Promise<void> {
  await db.transaction(async (trx) => {
    await lockRollups(trx);
    const touched = new Set<string>();
    for (const day of await takeDirtyDays(trx)) {
      // A UTC day overlaps at most two local months.
      const dayStart = new Date(`${day}T00:00:00Z`);
      touched.add(localDateLabel(localMonthStart(dayStart, timeZone), timeZone));
      touched.add(
        localDateLabel(
          localMonthStart(new Date(dayStart.getTime() + 86_399_999), timeZone),
          timeZone,
        ),
      );
    }
    await forgetMonths(trx, timeZone, [...touched]);
    const built = await builtMonths(
      trx,
      timeZone,
      months.map((m) => m.label),
    );
    for (const month of months.filter((m) => !built.has(m.label))) {
      const scope: AggregateScope = {
        ranges: [{ from: month.from, to: month.to }],
        bucket: null,
        timeZone,
        byPathway: true,
      };
      const calls = await callAggregates(trx, scope);
      const attendances = await attendanceAggregates(trx, scope);
      await storeMonth(trx, timeZone, month.label, { calls, attendances });
    }
  });
}
