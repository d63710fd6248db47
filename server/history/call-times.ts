import { localMidnight } from '../time/local-date.js';
import type { Random } from './prng.js';

// Demand follows the clock: quiet before dawn, busy from mid-morning to
// evening, a little busier on Mondays and Fridays and in winter. Hours are the
// service area's local hours, so the rhythm survives daylight-saving changes.
const hourWeights = [
  0.55, 0.45, 0.38, 0.33, 0.3, 0.33, 0.45, 0.65, 0.85, 1.0, 1.1, 1.15, 1.15, 1.15, 1.12, 1.1, 1.1,
  1.1, 1.08, 1.05, 1.0, 0.9, 0.78, 0.65,
];
const weekdayWeights = [0.92, 1.04, 1.0, 0.99, 1.0, 1.06, 0.99]; // Sunday first
const hourTable = Object.fromEntries(hourWeights.map((w, h) => [String(h), w])) as Record<
  string,
  number
>;

export interface Schedule {
  /** First local day of the history (its local midnight). */
  start: Date;
  /** Local midnight after the last day. */
  end: Date;
  /** Calls per day, oldest first; they add up to the requested number exactly. */
  days: Array<{ midnight: Date; calls: number }>;
}

/**
 * Spreads `calls` over the `months` calendar months that end on `endDate`
 * (a YYYY-MM-DD local date, exclusive), day by day.
 */
export function planSchedule(
  random: Random,
  options: { calls: number; months: number; endDate: string; timeZone: string },
): Schedule {
  const [ey, em, ed] = options.endDate.split('-').map(Number) as [number, number, number];
  const firstDay = new Date(Date.UTC(ey, em - 1 - options.months, ed));
  const lastDay = new Date(Date.UTC(ey, em - 1, ed));
  const dates: Date[] = [];
  for (let day = firstDay; day < lastDay; day = new Date(day.getTime() + 86_400_000))
    dates.push(day);
  const weights = dates.map((day) => {
    const dayOfYear = (day.getTime() - Date.UTC(day.getUTCFullYear(), 0, 1)) / 86_400_000;
    const season = 1 + 0.07 * Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365);
    return (
      (weekdayWeights[day.getUTCDay()] ?? 1) * season * Math.max(0.5, 1 + 0.06 * random.normal())
    );
  });
  const total = weights.reduce((a, b) => a + b, 0);
  // Cumulative rounding: every day gets its share and the total is exact.
  let cumulative = 0;
  let assigned = 0;
  const days = dates.map((day, i) => {
    cumulative += weights[i] ?? 0;
    const upTo = Math.round((cumulative / total) * options.calls);
    const calls = upTo - assigned;
    assigned = upTo;
    return {
      midnight: localMidnight(
        day.getUTCFullYear(),
        day.getUTCMonth(),
        day.getUTCDate(),
        options.timeZone,
      ),
      calls,
    };
  });
  return {
    start: days[0]?.midnight ?? lastDay,
    end: localMidnight(ey, em - 1, ed, options.timeZone),
    days,
  };
}

/** One day's call times, in order. */
export function timesOfDay(random: Random, midnight: Date, calls: number): Date[] {
  const times: number[] = [];
  for (let i = 0; i < calls; i += 1) {
    const hour = Number(random.weighted(hourTable));
    times.push(midnight.getTime() + hour * 3_600_000 + Math.floor(random.next() * 3_600_000));
  }
  return times.sort((a, b) => a - b).map((t) => new Date(t));
}
