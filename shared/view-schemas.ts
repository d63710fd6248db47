import { z } from 'zod';
import { assignmentStatuses } from './assignments.js';
import { complaints, dispositions, AnswersSchema } from './call-schema.js';
import { DecisionSchema } from './decision.js';
import { DestinationChoiceSchema } from './directory.js';
import { callStatuses, cancelReasons, outcomes } from './call-lifecycle.js';
import { declineCategories, overrideCategories } from './reason-categories.js';
import { ProposedUnitSchema } from './units.js';
import { instant, nullable, point } from './wire-parts.js';

// The views of a call the server answers with and pushes, written once, as zod schemas:
// their types are what the schemas parse to (the server builds these values, the browser
// client and event-contract.ts read them), the OpenAPI document describes the answers
// with them, and the tests parse real answers with them. No imports from server/: the
// browser client bundles the same shapes.

export const AssignmentViewSchema = z
  .object({
    id: z.uuid(),
    callId: z.uuid(),
    unitId: z.uuid(),
    callSign: z.string(),
    destinationId: nullable(z.uuid()),
    disposition: z.enum(dispositions),
    status: z.enum(assignmentStatuses),
    overridden: z.boolean(),
    /** Free text: dispatchers, admins and the unit; never leads. */
    overrideReason: nullable(z.string()).meta({ description: 'Never shown to leads' }),
    overrideCategory: nullable(z.enum(overrideCategories)),
    declineReason: nullable(z.string()),
    declineCategory: nullable(z.enum(declineCategories)),
    outcome: nullable(z.enum(outcomes)),
    offeredAt: instant,
    acceptedAt: nullable(instant),
    declinedAt: nullable(instant),
    enRouteAt: nullable(instant),
    onSceneAt: nullable(instant),
    transportingAt: nullable(instant),
    completedAt: nullable(instant),
    cancelledAt: nullable(instant).meta({ description: 'Withdrawn by the dispatcher' }),
  })
  .meta({ id: 'Assignment' });
export type AssignmentView = z.output<typeof AssignmentViewSchema>;

/** A call as the dispatch board shows it. */
export const CallViewSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(callStatuses),
    receivedAt: instant,
    complaint: z.enum(complaints),
    patient: z.object({ age: z.number(), sex: z.string(), key: nullable(z.string()) }),
    location: point.extend({ address: nullable(z.string()) }),
    notes: nullable(z.string()).meta({ description: 'What the call-taker typed; never to leads' }),
    answers: AnswersSchema.meta({
      description: 'The key answers as known now (absent: unknown), on-scene changes included',
    }),
    escalated: z.boolean(),
    assessedAt: nullable(instant).meta({
      description: 'When the crew last recorded an on-scene assessment',
    }),
    /** The latest decision: the intake triage, or the on-scene re-triage. */
    triage: DecisionSchema,
    /** The pathway being served (the recommendation unless overridden). */
    disposition: z.enum(dispositions),
    /** Why this destination, or why none (a home visit, a fallback). */
    matchReason: nullable(z.string()),
    destination: nullable(DestinationChoiceSchema),
    /** Null when the pathway served is the ED: that call goes to ambulance dispatch, not a CP unit. */
    proposedUnit: nullable(ProposedUnitSchema),
    assignment: nullable(AssignmentViewSchema),
    repeatCalls: z.number().meta({
      description: 'Calls with the same patient key in the 30 days before this one',
    }),
    handoff: nullable(z.object({ at: instant, reference: nullable(z.string()) })).meta({
      description: 'Given to ambulance dispatch: when, and their incident number',
    }),
    cancellation: nullable(
      z.object({
        at: instant,
        reason: z.enum(cancelReasons),
        details: nullable(z.string()).meta({ description: 'Free text: never to leads' }),
      }),
    ),
  })
  .meta({ id: 'Call' });
export type CallView = z.output<typeof CallViewSchema>;

/** One audited step in a call's life, as its timeline lists it. */
export const TimelineEntrySchema = z.object({
  at: instant,
  action: z.string(),
  actorRole: nullable(z.string()),
  details: z.record(z.string(), z.unknown()),
});
export type TimelineEntry = z.output<typeof TimelineEntrySchema>;

/** GET /api/calls/:id: the call and everything that happened to it. */
export const CallDetailSchema = CallViewSchema.extend({
  decisions: z.array(
    DecisionSchema.extend({ stage: z.enum(['intake', 'assessment']), decidedAt: instant }),
  ),
  assignments: z.array(AssignmentViewSchema),
  timeline: z.array(TimelineEntrySchema),
}).meta({ id: 'CallDetail' });
export type CallDetail = z.output<typeof CallDetailSchema>;

/** What a paramedic's device receives with an offer. */
export const OfferViewSchema = z
  .object({
    assignment: AssignmentViewSchema,
    call: CallViewSchema,
    destination: nullable(DestinationChoiceSchema),
    disposition: z.enum(dispositions),
  })
  .meta({ id: 'Offer' });
export type OfferView = z.output<typeof OfferViewSchema>;

/** A call a new one may repeat: the console asks the dispatcher before creating it. */
export const PossibleDuplicateSchema = z
  .object({
    id: z.uuid(),
    receivedAt: instant,
    status: z.enum(callStatuses),
    complaint: z.enum(complaints),
    address: nullable(z.string()),
    distanceM: z.number().meta({ description: 'Metres between the two locations' }),
    samePatient: z.boolean(),
  })
  .meta({ id: 'PossibleDuplicate' });
export type PossibleDuplicate = z.infer<typeof PossibleDuplicateSchema>;

export const alertKinds = [
  'escalation',
  'declined',
  'expired',
  'no_unit',
  'referral_rejected',
] as const;
export type AlertKind = (typeof alertKinds)[number];

/**
 * Something a dispatcher must see and acknowledge (an escalation, a decline, no unit):
 * pinned above the queue until then.
 */
export const AlertViewSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(alertKinds),
    callId: z.uuid(),
    unitId: nullable(z.uuid()),
    message: z.string().meta({ description: 'In words; a decline carries the crew’s reason' }),
    raisedAt: instant,
    acknowledgedAt: nullable(instant),
  })
  .meta({ id: 'Alert' });
export type AlertView = z.output<typeof AlertViewSchema>;
