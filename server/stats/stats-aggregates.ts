import type { Database } from '../db/database.js';
import { localDateLabel, localMonthStart, nextLocalMonth } from '../time/local-date.js';
import type { BucketAggregates } from './stats-figures.js';
import { attendanceAggregates, callAggregates, type AggregateScope } from './stats-repository.js';
import {
  builtMonths,
  dirtyDays,
  firstCallAt,
  forgetDirtyDays,
  forgetMonths,
  lockRollupMonths,
  lockRollups,
  rolledUp,
  storeMonth,
} from './stats-rollup-repository.js';
import type { Bucket, StatsFilter } from './stats-schemas.js';

/**
 * The aggregate rows behind a period's figures. Whole local months come from
 * the monthly roll-ups (rebuilt first if anything in them changed); the partial
 * months at either end, and day or week buckets, are aggregated live. Months
 * before the first call hold nothing and are skipped; months not yet begun are
 * aggregated live (nothing to keep).
 */
export async function aggregatesFor(
  db: Database,
  f: StatsFilter,
  bucket: Bucket | null,
  timeZone: string,
  now: Date = new Date(),
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
  const whole = wholeMonths(f, timeZone);
  const first = whole.months.length ? await firstCallAt(db.query) : null;
  const months = whole.months.filter((m) => first !== null && m.to > first && m.from <= now);
  const edges = [...whole.edges, ...whole.months.filter((m) => m.from > now)];
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

/**
 * Months touched by writes since the last rebuild are forgotten; missing months
 * are built. No lock is held across the whole build, and nothing an intake
 * writes is locked while a month is computed:
 * 1. one short transaction takes the dirty marks and forgets the months they
 *    touch (waiting for those months' builders, so no stale build survives);
 * 2. each missing month is then built in its own transaction under that
 *    month's lock (a second request for the month waits and finds it built).
 * A write committed after a build's snapshot leaves its mark, so the next read
 * forgets and rebuilds that month.
 */
async function ensureRollups(db: Database, timeZone: string, months: Month[]): Promise<void> {
  await db.transaction(async (trx) => {
    await lockRollups(trx);
    const days = await dirtyDays(trx);
    const touched = [...new Set(days.flatMap((day) => monthsOfUtcDay(day, timeZone)))];
    await lockRollupMonths(trx, timeZone, touched);
    await forgetDirtyDays(trx, days);
    await forgetMonths(trx, timeZone, touched);
  });
  const labels = months.map((m) => m.label);
  const built = await builtMonths(db.query, timeZone, labels);
  for (const month of months.filter((m) => !built.has(m.label))) {
    await db.transaction(async (trx) => {
      await lockRollupMonths(trx, timeZone, [month.label]);
      if ((await builtMonths(trx, timeZone, [month.label])).size) return; // built meanwhile
      const scope: AggregateScope = {
        ranges: [{ from: month.from, to: month.to }],
        bucket: null,
        timeZone,
        byPathway: true,
      };
      const calls = await callAggregates(trx, scope);
      const attendances = await attendanceAggregates(trx, scope);
      await storeMonth(trx, timeZone, month.label, { calls, attendances });
    });
  }
}

/** The local months a UTC day overlaps (at most two). */
function monthsOfUtcDay(day: string, timeZone: string): string[] {
  const dayStart = new Date(`${day}T00:00:00Z`);
  return [dayStart, new Date(dayStart.getTime() + 86_399_999)].map((instant) =>
    localDateLabel(localMonthStart(instant, timeZone), timeZone),
  );
}
