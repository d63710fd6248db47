import { z } from 'zod';
import { IsoDateText, IsoDateTimeText } from '../time/instant-schemas.js';
import { dispositions } from '../../shared/call-schema.js';

/** A local date (the whole day, in the service time zone) or an instant with its offset. */
const when = z.union([IsoDateText, IsoDateTimeText], {
  error: 'must be a date (YYYY-MM-DD) or a date-time with offset, in the years 0001-9999',
});

export const StatsQuery = z.strictObject({
  from: when.optional(),
  to: when.optional(),
  /** Triage's intake recommendation: the pathway whose calls are being judged. */
  pathway: z.enum(dispositions).optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

export const buckets = ['day', 'week', 'month'] as const;
export type Bucket = (typeof buckets)[number];

export const TimeseriesQuery = StatsQuery.extend({ bucket: z.enum(buckets).default('month') });
export type TimeseriesQuery = z.infer<typeof TimeseriesQuery>;

export const ListQuery = StatsQuery.extend({
  limit: z.coerce.number().int().min(1).max(2000).default(200),
});
export type ListQuery = z.infer<typeof ListQuery>;

/** What the repository filters on: [from, to) and an optional recommended pathway. */
export interface StatsFilter {
  from: Date;
  to: Date;
  pathway?: (typeof dispositions)[number];
}
