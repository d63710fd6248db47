import type { OpeningSpan } from './destination-repository.js';

const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
const weekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes since Sunday 00:00 local time in `timeZone`. */
export function minuteOfWeek(at: Date, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = weekdays.indexOf(get('weekday'));
  return day * MINUTES_PER_DAY + Number(get('hour')) * 60 + Number(get('minute'));
}

const toMinutes = (hhmm: string) => {
  const [h = '0', m = '0'] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
};

/** A span as [start, end) in minutes of the week; overnight spans run past midnight. */
function spanRange(span: OpeningSpan): [number, number] {
  const opens = toMinutes(span.opens);
  const closes = toMinutes(span.closes);
  const start = span.weekday * MINUTES_PER_DAY + opens;
  const length = closes > opens ? closes - opens : closes + MINUTES_PER_DAY - opens;
  return [start, start + length];
}

function coveredAt(ranges: Array<[number, number]>, minute: number): boolean {
  const m = minute % MINUTES_PER_WEEK;
  // A Saturday overnight span ends past the week's end: test the wrapped minute too.
  return ranges.some(
    ([start, end]) =>
      (m >= start && m < end) || (m + MINUTES_PER_WEEK >= start && m + MINUTES_PER_WEEK < end),
  );
}

/**
 * Open at `at` and staying open for at least `forMinutes` more (adjacent spans,
 * such as 24/7 days, join up across midnight).
 */
export function isOpen(hours: OpeningSpan[], at: Date, timeZone: string, forMinutes = 0): boolean {
  if (hours.length === 0) return false;
  const ranges = hours.map(spanRange);
  const now = minuteOfWeek(at, timeZone);
  for (let minute = now; minute <= now + forMinutes; minute++) {
    if (!coveredAt(ranges, minute)) return false;
  }
  return true;
}
