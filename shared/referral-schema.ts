import { z } from 'zod';
import { assignmentStatuses } from './assignments.js';
import { acuities, complaints, dispositions, VitalsSchema } from './call-schema.js';
import { DestinationChoiceSchema, destinationTypes } from './directory.js';
import { referralOutcomes, referralStatuses, rejectReasons } from './referrals.js';
import { instant, nullable } from './wire-parts.js';

// A referral as the API answers it and pushes it, written once: the type is what the
// schema parses to, the OpenAPI document describes the answers with it. No imports
// from server/: the browser client reads the same shape.

/**
 * A call sent to a receiving site (FHIR R4 Task). Partners see their own site's,
 * dispatchers and admins all; leads get it without `patient` and free text.
 */
export const ReferralViewSchema = z
  .object({
    id: z.uuid(),
    callId: z.uuid(),
    site: z.object({ id: z.uuid(), name: z.string(), type: z.enum(destinationTypes) }),
    status: z.enum(referralStatuses).meta({ description: 'FHIR R4 Task.status' }),
    requestedAt: instant,
    acceptedAt: nullable(instant),
    rejectedAt: nullable(instant),
    arrivedAt: nullable(instant),
    inProgressAt: nullable(instant),
    completedAt: nullable(instant),
    cancelledAt: nullable(instant),
    rejectReason: nullable(z.enum(rejectReasons)),
    /** Free text: the site, dispatchers and admins; never leads. */
    rejectText: nullable(z.string()).meta({ description: 'Free text: never sent to leads' }),
    cancelReason: nullable(z.string()),
    outcome: nullable(z.enum(referralOutcomes)),
    handoverMinutes: nullable(z.number()).meta({
      description: 'Arrival to the site taking over care (as ED offload time)',
    }),
    /** The crew bringing the patient, and when they should arrive (an estimate). */
    unit: nullable(
      z.object({
        id: z.uuid(),
        callSign: z.string(),
        assignmentStatus: z.enum(assignmentStatuses),
      }),
    ),
    etaMinutes: nullable(z.number()),
    patient: nullable(
      z.object({
        age: z.number(),
        sex: z.string(),
        complaint: z.enum(complaints),
        acuity: z.enum(acuities),
        news2: z.number(),
        reasons: z.array(z.string()),
        vitals: VitalsSchema,
        notes: nullable(z.string()),
      }),
    ).meta({ description: 'What the site needs to receive the patient; null for leads' }),
    proposal: nullable(
      z.object({
        disposition: z.enum(dispositions),
        destination: nullable(DestinationChoiceSchema),
        reason: z.string(),
      }),
    ).meta({ description: 'After a rejection: the next eligible site, or the ED' }),
  })
  .meta({ id: 'Referral' });
export type ReferralView = z.output<typeof ReferralViewSchema>;
