import { z } from 'zod';
import { commaSeparated, listLimit } from '../http/query-lists.js';
import { declineCategories, overrideCategories } from '../../shared/reason-categories.js';
import { callStatuses, cancelReasons, outcomes } from '../../shared/call-lifecycle.js';
import { crewSteps } from '../../shared/assignments.js';
import { AnswersSchema, dispositions, VitalsSchema } from '../../shared/call-schema.js';

export { CallWithLocationSchema as CreateCallSchema } from '../../shared/call-schema.js';

export const ListCallsQuery = z.strictObject({
  status: commaSeparated(callStatuses, 'among the call statuses').optional(),
  limit: listLimit,
});

export const CreateCallQuery = z.strictObject({
  /** `true`: create nothing when the call may repeat another; answer 409 with them instead. */
  ifNoDuplicate: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
});

export const IdParams = z.strictObject({ id: z.uuid('must be a UUID') });

const reason = z.string().trim().min(3, 'must say why, in at least 3 characters').max(500);

export const DispatchSchema = z.strictObject({
  unitId: z.uuid('must be a UUID').optional(),
  disposition: z.enum(dispositions).optional(),
  /** Why, as leads and the statistics see it; free text alone counts as `other`. */
  overrideCategory: z.enum(overrideCategories).optional(),
  /** Why, in the dispatcher's words: dispatchers and admins only. */
  overrideReason: reason.optional(),
});
export type DispatchInput = z.infer<typeof DispatchSchema>;

export const HandoffSchema = z.strictObject({
  /** Ambulance dispatch's incident number, if the dispatcher has one. */
  reference: z
    .string('must be text')
    .trim()
    .min(1, 'must not be blank (leave it out when there is none)')
    .max(100, 'must be at most 100 characters')
    .optional(),
});
export type HandoffInput = z.infer<typeof HandoffSchema>;

export const CancelSchema = z
  .strictObject({
    reason: z.enum(cancelReasons, {
      error: `must be one of: ${cancelReasons.join(', ')}`,
    }),
    /** The dispatcher's words: dispatchers and admins only. */
    details: reason.optional(),
  })
  .refine((body) => body.reason !== 'other' || body.details, {
    path: ['details'],
    message: 'must say why when the reason is "other"',
  });
export type CancelInput = z.infer<typeof CancelSchema>;

export const StatusChangeSchema = z
  .strictObject({
    status: z.enum(crewSteps),
    declineCategory: z.enum(declineCategories).optional(),
    reason: reason.optional(),
    outcome: z.enum(outcomes).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.status === 'declined' && !body.reason && !body.declineCategory) {
      ctx.addIssue({
        code: 'custom',
        path: ['declineCategory'],
        message: 'is required to decline an offer (or a reason)',
      });
    }
    if (body.status !== 'declined' && body.declineCategory) {
      ctx.addIssue({
        code: 'custom',
        path: ['declineCategory'],
        message: 'is only given when declining',
      });
    }
    if (body.status === 'completed' && !body.outcome) {
      ctx.addIssue({
        code: 'custom',
        path: ['outcome'],
        message: 'is required to complete a visit',
      });
    }
    if (body.status !== 'completed' && body.outcome) {
      ctx.addIssue({ code: 'custom', path: ['outcome'], message: 'is only given on completion' });
    }
  });
export type StatusChange = z.infer<typeof StatusChangeSchema>;

export const AssessmentSchema = z
  .strictObject({ vitals: VitalsSchema.optional(), answers: AnswersSchema.optional() })
  .refine((a) => a.vitals || a.answers, { message: 'give vitals, answers or both' });
export type AssessmentInput = z.infer<typeof AssessmentSchema>;
