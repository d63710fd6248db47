import { z } from 'zod';
import { commaSeparated, listLimit } from '../http/query-lists.js';
import { IsoDateTimeText } from '../time/instant-schemas.js';
import { referralOutcomes, referralStatuses, rejectReasons } from '../../shared/referrals.js';

export const ReferralIdParams = z.strictObject({ id: z.uuid('must be a UUID') });

export const ListReferralsQuery = z.strictObject({
  status: commaSeparated(referralStatuses, 'among the referral statuses').optional(),
  limit: listLimit,
});

const note = z.string().trim().min(3, 'must say why, in at least 3 characters').max(500);

export const ReferralStatusChangeSchema = z
  .strictObject({
    status: z.enum(['accepted', 'rejected', 'in-progress', 'completed', 'cancelled'], {
      error: 'must be one of accepted, rejected, in-progress, completed, cancelled',
    }),
    /** Why the site declines, from the list (what leads and the statistics see). */
    reason: z
      .enum(rejectReasons, { error: `must be one of ${rejectReasons.join(', ')}` })
      .optional(),
    /** In the site's or dispatcher's own words: never shown to leads. */
    note: note.optional(),
    outcome: z
      .enum(referralOutcomes, { error: `must be one of ${referralOutcomes.join(', ')}` })
      .optional(),
    /** When the crew arrived with the patient (default: now); the handover ends now. */
    arrivedAt: IsoDateTimeText.transform((t) => new Date(t)).optional(),
  })
  .superRefine((body, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (body.status === 'rejected' && !body.reason)
      issue('reason', 'is required to decline a referral: choose one from the list');
    if (body.status !== 'rejected' && body.reason) issue('reason', 'is only given when declining');
    if (body.status === 'completed' && !body.outcome)
      issue('outcome', 'is required to complete a referral');
    if (body.status !== 'completed' && body.outcome)
      issue('outcome', 'is only given on completion');
    if (body.status !== 'in-progress' && body.arrivedAt)
      issue('arrivedAt', 'is only given when the patient arrives (in-progress)');
    if (body.note && body.status !== 'rejected' && body.status !== 'cancelled')
      issue('note', 'is only given when declining or cancelling');
  });
export type ReferralStatusChange = z.infer<typeof ReferralStatusChangeSchema>;
