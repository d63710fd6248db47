import { z } from 'zod';
import { destinationTypes } from '../directory/destination-schemas.js';
import { describeRoute } from '../http/route-docs.js';
import { dispositions } from '../../shared/call-schema.js';
import {
  ListReferralsQuery,
  ReferralIdParams,
  ReferralStatusChangeSchema,
} from './referral-schemas.js';
import { referralOutcomes, referralStatuses, rejectReasons } from '../../shared/referrals.js';

// The referral as the API answers it, for /api/openapi.json.
const instant = z.iso.datetime({ offset: true });
const when = instant.nullable();

export const ReferralSchema = z
  .object({
    id: z.uuid(),
    callId: z.uuid(),
    site: z.object({ id: z.uuid(), name: z.string(), type: z.enum(destinationTypes) }),
    status: z.enum(referralStatuses).meta({ description: 'FHIR R4 Task.status' }),
    requestedAt: instant,
    acceptedAt: when,
    rejectedAt: when,
    arrivedAt: when,
    inProgressAt: when,
    completedAt: when,
    cancelledAt: when,
    rejectReason: z.enum(rejectReasons).nullable(),
    rejectText: z.string().nullable().meta({ description: 'Free text: never sent to leads' }),
    cancelReason: z.string().nullable(),
    outcome: z.enum(referralOutcomes).nullable(),
    handoverMinutes: z
      .number()
      .nullable()
      .meta({ description: 'Arrival to the site taking over care (as ED offload time)' }),
    unit: z.object({ id: z.uuid(), callSign: z.string(), assignmentStatus: z.string() }).nullable(),
    etaMinutes: z.number().nullable(),
    patient: z
      .object({
        age: z.number(),
        sex: z.string(),
        complaint: z.string(),
        acuity: z.string(),
        news2: z.number(),
        reasons: z.array(z.string()),
        vitals: z.record(z.string(), z.number()),
        notes: z.string().nullable(),
      })
      .nullable()
      .meta({ description: 'What the site needs to receive the patient; null for leads' }),
    proposal: z
      .object({
        disposition: z.enum(dispositions),
        destination: z
          .object({
            id: z.uuid(),
            name: z.string(),
            type: z.enum(destinationTypes),
            distanceKm: z.number(),
            reason: z.string(),
          })
          .nullable(),
        reason: z.string(),
      })
      .nullable()
      .meta({ description: 'After a rejection: the next eligible site, or the ED' }),
  })
  .meta({ id: 'Referral' });

const readers = ['partner', 'dispatcher', 'admin', 'lead'] as const;

describeRoute('get', '/api/referrals', {
  tag: 'referrals',
  summary: 'Referrals to receiving sites, newest first',
  description:
    "A partner sees its own site's only; leads get them without the patient and without free text. Each view is audited.",
  roles: readers,
  query: ListReferralsQuery,
  response: { description: 'The referrals', schema: z.array(ReferralSchema) },
});
describeRoute('get', '/api/referrals/:id', {
  tag: 'referrals',
  summary: 'One referral (audited)',
  roles: readers,
  params: ReferralIdParams,
  response: { description: 'The referral', schema: ReferralSchema },
  errors: { 404: "No such referral, or another site's" },
});
describeRoute('post', '/api/referrals/:id/status', {
  tag: 'referrals',
  summary: 'Move a referral along its lifecycle (FHIR R4 Task statuses)',
  description:
    'The site accepts, rejects (reason from the list), takes over care (in-progress, arrivedAt) and completes (outcome); dispatch cancels. A rejection proposes the next eligible site or the ED.',
  roles: ['partner', 'dispatcher', 'admin'],
  params: ReferralIdParams,
  body: ReferralStatusChangeSchema,
  idempotent: true,
  response: {
    description: 'The referral after the step',
    schema: z.object({ referral: ReferralSchema }),
  },
  errors: { 404: "No such referral, or another site's", 409: 'Not a step from its status' },
});
