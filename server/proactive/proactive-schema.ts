import { z } from 'zod';
import { listLimit } from '../http/query-lists.js';
import { IsoDateText, IsoDateTimeText, IsoInstant } from '../time/instant-schemas.js';

export const FrequentCallersQuery = z.strictObject({
  /** The end of the 90-day window (default now): to look back at a past quarter. */
  to: IsoInstant.optional(),
  limit: listLimit,
});

/** Like the statistics': a date is that whole local day (`to` included), or a date-time. */
const DayOrInstant = z.union([IsoDateTimeText, IsoDateText], {
  error: 'must be a date YYYY-MM-DD or an ISO 8601 date-time with offset',
});
export const OutcomesQuery = z.strictObject({
  from: DayOrInstant.optional(),
  to: DayOrInstant.optional(),
});

import { visitStatuses } from '../../shared/visits.js';

export {
  visitStatuses,
  VisitViewSchema,
  type VisitStatus,
  type VisitView,
} from '../../shared/visits.js';

/**
 * POST /api/visits. Dispatchers know the patient key; a lead books from the
 * de-identified list, which gives the patient's pseudonym (`patientRef`). One of the two.
 */
export const BookVisitSchema = z
  .strictObject({
    patientKey: z
      .string()
      .trim()
      .min(1, 'is required')
      .max(200, 'must be at most 200 characters')
      .optional(),
    patientRef: z
      .string()
      .regex(/^[0-9a-f]{16}$/, 'must be the 16-character reference from the frequent-callers list')
      .optional(),
    plannedFor: IsoDateTimeText,
    unitId: z.uuid('must be the id of a unit').optional(),
  })
  .superRefine((v, ctx) => {
    const given = [v.patientKey, v.patientRef].filter((x) => x !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['patientKey'],
        message: 'give exactly one of patientKey or patientRef (from the frequent-callers list)',
      });
    }
  });
export type BookVisit = z.infer<typeof BookVisitSchema>;

export const ListVisitsQuery = z.strictObject({
  status: z.enum(visitStatuses).default('planned'),
});

export const VisitIdParams = z.strictObject({ id: z.uuid('must be a visit id') });

export const VisitStatusSchema = z.strictObject({
  status: z.enum(['completed', 'cancelled'], { error: 'must be completed or cancelled' }),
});

export {
  FrequentCallerListSchema,
  type FrequentCaller,
  type FrequentCallerList,
} from '../../shared/proactive.js';
