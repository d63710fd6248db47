// Calendar dates in the service time zone, without a date library.

/**
 * Date.UTC, but years 0-99 are those years: Date.UTC(50, 0, 1) is 1950-01-01,
 * a legacy of two-digit years. Month and day may overflow, as with Date.UTC.
 */
export function utcTime(y: number, m: number, d: number, h = 0, min = 0, s = 0): number {
  const date = new Date(Date.UTC(2000, 0, 1, h, min, s));
  date.setUTCFullYear(y, m, d);
  return date.getTime();
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = utcTime(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return local - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant of local midnight on the calendar date y-m-d in `timeZone`. */
export function localMidnight(y: number, m: number, d: number, timeZone: string): Date {
  // The offset at midnight itself (a DST change happens later that night).
  const midnight = utcTime(y, m, d);
  const guess = midnight - zoneOffsetMs(new Date(utcTime(y, m, d, 12)), timeZone);
  return new Date(midnight - zoneOffsetMs(new Date(guess), timeZone));
}

/** The local calendar date of `instant` in `timeZone`, as [year, month 0-11, day]. */
export function localDate(instant: Date, timeZone: string): [number, number, number] {
  const local = new Date(instant.getTime() + zoneOffsetMs(instant, timeZone));
  return [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()];
}

/** Local midnight of the first day of the month `instant` falls in. */
export function localMonthStart(instant: Date, timeZone: string): Date {
  const [y, m] = localDate(instant, timeZone);
  return localMidnight(y, m, 1, timeZone);
}

/** Local midnight of the first day of the next month. */
export function nextLocalMonth(monthStart: Date, timeZone: string): Date {
  const [y, m] = localDate(monthStart, timeZone);
  return localMidnight(y, m + 1, 1, timeZone);
}

/** YYYY-MM-DD of `instant` in `timeZone`. */
export function localDateLabel(instant: Date, timeZone: string): string {
  const [y, m, d] = localDate(instant, timeZone);
  return `${y}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
