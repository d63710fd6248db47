// Number, rate, money, duration and date wording for the dashboard. Figures the
// API could not compute (a rate over nothing) are null and read as a dash.
export const NONE = '—';

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export const count = (n: number): string => integer.format(n);

export const rate = (r: number | null): string => (r === null ? NONE : percent.format(r));

/** Money with its ISO code spelled out (AUD 1,352); whole units unless it has cents. */
export function money(amount: number, currency: string): string {
  const digits = Number.isInteger(amount) || Math.abs(amount) >= 10_000 ? 0 : 2;
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      currencyDisplay: 'code',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }).format(amount);
  } catch {
    return `${currency} ${integer.format(amount)}`;
  }
}

/** Seconds under two minutes as seconds, longer as minutes (and hours past two). */
export function duration(seconds: number | null): string {
  if (seconds === null) return NONE;
  if (seconds < 120) return `${Math.round(seconds)} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A bucket's local start date (YYYY-MM-DD) as a short label for the chart axis. */
export function bucketLabel(date: string, bucket: 'day' | 'week' | 'month'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const utc = new Date(Date.UTC(y, m - 1, d));
  const options: Intl.DateTimeFormatOptions =
    bucket === 'month'
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { day: 'numeric', month: 'short', timeZone: 'UTC' };
  const text = new Intl.DateTimeFormat(undefined, options).format(utc);
  return bucket === 'week' ? `w/c ${text}` : text;
}

/** An instant as a date and time in the service's time zone. */
export function dateTime(iso: string, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(undefined, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    }).format(date);
  } catch {
    return date.toISOString();
  }
}

/** A local date (YYYY-MM-DD) for display, without shifting it through a time zone. */
export function localDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** Today's date (YYYY-MM-DD) in a time zone, and the same date `months` earlier. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone }).format(now);
  } catch {
    return new Intl.DateTimeFormat('en-CA').format(now);
  }
}

export function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  // Day 0 of the next month is the last day of this one: 31 May - 3 months = 28/29 Feb.
  const lastDay = new Date(Date.UTC(y, m - 1 - months + 1, 0)).getUTCDate();
  const shifted = new Date(Date.UTC(y, m - 1 - months, Math.min(d, lastDay)));
  return shifted.toISOString().slice(0, 10);
}

/** The day after a local date (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
