import { z } from 'zod';
import { dispositions } from './call-schema.js';
import { instant } from './wire-parts.js';

// A care plan as a writer sends it (PUT) and as a reader receives it, each written
// once, as a schema (the reader's type is what its schema parses to). Omitted fields
// keep the current version's value, so a writer who sees only part of a plan (a lead
// sees no free text) never wipes what others wrote.

const freeText = (what: string) =>
  z
    .string({ error: `must be text: ${what}` })
    .trim()
    .max(2000, 'must be at most 2,000 characters');

export const PatientKeyParams = z.strictObject({
  patientKey: z
    .string()
    .trim()
    .min(1, 'is required: the patient key the call-taker enters')
    .max(200, 'must be at most 200 characters'),
});

export const CarePlanLookupQuery = z.strictObject({
  /**
   * `true`: a patient with no plan is an answer (200 with `null`), not an error. A crew's
   * phone asks for every known patient, and most have none: a 404 there is no fault.
   */
  orNone: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

const CoordinatorSchema = z.strictObject({
  name: z
    .string({ error: 'is required: the care coordinator’s name' })
    .trim()
    .min(1, 'is required: the care coordinator’s name')
    .max(200, 'must be at most 200 characters'),
  phone: z
    .string()
    .trim()
    .max(40, 'must be at most 40 characters')
    .regex(/^[0-9+() .x-]*$/, 'may hold digits, spaces and + ( ) - . x only')
    .nullable()
    .optional(),
  siteId: z.uuid('must be the id of a site in the directory').nullable().optional(),
});

export const CarePlanInputSchema = z.strictObject({
  coordinator: CoordinatorSchema.optional(),
  whatHelps: freeText('what helps this patient').optional(),
  whatToAvoid: freeText('what to avoid').optional(),
  safetyNotes: freeText('safety notes for the crew').optional(),
  preferredPathway: z
    .enum(dispositions, {
      error: `must be one of ${dispositions.join(', ')}`,
    })
    .nullable()
    .optional(),
  knownParamedicId: z.uuid('must be the id of a community paramedic').nullable().optional(),
  /** The version the writer read: a newer one means someone else wrote meanwhile (409). */
  expectedVersion: z.number().int().min(0, 'must be 0 (a new plan) or more').optional(),
});
export type CarePlanInput = z.infer<typeof CarePlanInputSchema>;

/** One version of a care plan as its reader is allowed to see it. */
export const CarePlanViewSchema = z
  .object({
    /** Null for leads: they never see who the patient is. */
    patientKey: z.string().nullable().meta({ description: 'Null for leads' }),
    version: z.number().int(),
    /** True when free text was withheld (a lead's view). */
    redacted: z.boolean().meta({ description: 'Free text withheld (a lead’s view)' }),
    coordinator: z.object({
      name: z.string().nullable(),
      phone: z.string().nullable(),
      site: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    }),
    whatHelps: z.string().nullable(),
    whatToAvoid: z.string().nullable(),
    safetyNotes: z.string().nullable(),
    preferredPathway: z.enum(dispositions).nullable(),
    knownParamedic: z
      .object({ id: z.uuid(), email: z.string(), callSign: z.string().nullable() })
      .nullable(),
    writtenBy: z.object({ role: z.string(), email: z.string().nullable() }),
    writtenAt: instant,
  })
  .meta({ id: 'CarePlan' });
export type CarePlanView = z.output<typeof CarePlanViewSchema>;

/** GET /api/care-plans/:patientKey/versions: newest first. */
export const CarePlanHistorySchema = z.object({
  patientKey: z.string().nullable(),
  versions: z.array(CarePlanViewSchema),
});
export type CarePlanHistory = z.output<typeof CarePlanHistorySchema>;
