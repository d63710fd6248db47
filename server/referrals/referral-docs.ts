import { z } from 'zod';
import { describeRoute } from '../http/route-docs.js';
import {
  ListReferralsQuery,
  ReferralIdParams,
  ReferralStatusChangeSchema,
} from './referral-schemas.js';
import { ReferralViewSchema as ReferralSchema } from '../../shared/referral-schema.js';

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
