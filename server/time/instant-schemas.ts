import { z } from 'zod';
import { ValidationError } from '../http/errors.js';

// Dates and instants from outside (queries, bodies), parsed strictly: a real
// calendar date, in the years PostgreSQL and people share (0001-9999; year 0
// does not exist in either), so a bad date is a 400 naming the field, never a
// database error. Years 0001-0099 are those years, not 1901-1999.

const year = (text: string) => Number(text.slice(0, 4));
const SUPPORTED = 'must be between the years 0001 and 9999';
// zod runs a refinement even when the format check before it failed; a text that is
// no date at all has no year (NaN), and the format's own message says enough.
const inSupportedYears = (y: number) => Number.isNaN(y) || (y >= 1 && y <= 9999);

/** `YYYY-MM-DD`, a real calendar day (no 2026-02-30). */
export const IsoDateText = z.iso
  .date({ error: 'must be a date YYYY-MM-DD' })
  .refine((text) => inSupportedYears(year(text)), SUPPORTED);

/** An ISO 8601 date-time with its offset (`2026-01-01T00:00:00Z`), within the supported years. */
export const IsoDateTimeText = z.iso
  .datetime({
    offset: true,
    error: 'must be a date and time with its time zone, e.g. 2026-01-01T09:00:00Z',
  })
  .refine((text) => inSupportedYears(new Date(text).getUTCFullYear()), SUPPORTED);

/** A date (midnight UTC) or a date-time with offset, as an instant. */
export const IsoInstant = z
  .union([IsoDateTimeText, IsoDateText], {
    error: 'must be an ISO 8601 date or date-time, e.g. 2026-01-01 or 2026-01-01T00:00:00Z',
  })
  .transform((text) => new Date(text));

const DAY_MS = 86_400_000;

/**
 * A period [from, to) must run forwards and be at most `maxDays` long: the bound
 * on the work one request may ask for. Throws a 400 naming `to`.
 */
export function checkPeriod(
  period: { from: Date; to: Date },
  maxDays: number,
  code = 'invalid_query',
): void {
  const fail = (message: string) => {
    throw new ValidationError(
      code,
      `Invalid ${code === 'invalid_query' ? 'query' : 'request'}: to ${message}`,
      [{ path: 'to', message }],
    );
  };
  if (period.from >= period.to) fail('must be after from');
  if (period.to.getTime() - period.from.getTime() > maxDays * DAY_MS)
    fail(`must be at most ${maxDays} days after from: ask for a shorter period`);
}
