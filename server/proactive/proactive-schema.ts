import { z } from 'zod';
import { IsoDateText, IsoDateTimeText, IsoInstant } from '../time/instant-schemas.js';

export const FrequentCallersQuery = z.strictObject({
  /** The end of the 90-day window (default now): to look back at a past quarter. */
  to: IsoInstant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

/** Like the statistics': a date is that whole local day (`to` included), or a date-time. */
const DayOrInstant = z.union([IsoDateTimeText, IsoDateText], {
  error: 'must be a date YYYY-MM-DD or an ISO 8601 date-time with offset',
});
export const OutcomesQuery = z.strictObject({
  from: DayOrInstant.optional(),
  to: DayOrInstant.optional(),
});

import { visitStatuses, type VisitView } from '../../shared/visits.js';

export { visitStatuses, type VisitStatus, type VisitView } from '../../shared/visits.js';

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

/** A frequent caller as a lead sees them: a pseudonym, no name, address or anything typed. */
export interface FrequentCaller {
  patientRef: string;
  age: number;
  sex: string;
  calls: number;
  liftAssists: number;
  edPathway: number;
  firstCallAt: string;
  lastCallAt: string;
  complaints: string[];
  why: Array<'frequent_calls' | 'repeat_lift_assists'>;
  carePlanSince: string | null;
  nextVisitAt: string | null;
}

export interface FrequentCallerList {
  from: string;
  to: string;
  windowDays: number;
  criteria: { calls: number; liftAssists: number };
  patients: FrequentCaller[];
}

// What the routes answer, for the API description; tsc checks each against its interface.
const at = z.iso.datetime({ offset: true });

export const FrequentCallerListSchema = z.object({
  from: at,
  to: at,
  windowDays: z.number(),
  criteria: z.object({ calls: z.number(), liftAssists: z.number() }),
  patients: z.array(
    z.object({
      patientRef: z.string().meta({ description: 'A pseudonym: the same patient, not who' }),
      age: z.number(),
      sex: z.string(),
      calls: z.number(),
      liftAssists: z.number(),
      edPathway: z.number(),
      firstCallAt: at,
      lastCallAt: at,
      complaints: z.array(z.string()),
      why: z.array(z.enum(['frequent_calls', 'repeat_lift_assists'])),
      carePlanSince: at.nullable(),
      nextVisitAt: at.nullable(),
    }),
  ),
}) satisfies z.ZodType<FrequentCallerList, unknown>;

export const VisitViewSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(visitStatuses),
    plannedFor: at,
    patient: z.object({
      key: z.string().nullable().meta({ description: 'Null for leads' }),
      ref: z.string(),
      age: z.number(),
      sex: z.string(),
    }),
    location: z.object({ lat: z.number(), lng: z.number(), address: z.string().nullable() }),
    unit: z.object({ id: z.uuid(), callSign: z.string() }).nullable(),
    bookedBy: z.object({ role: z.string() }),
    bookedAt: at,
  })
  .meta({ id: 'Visit' }) satisfies z.ZodType<VisitView, unknown>;
