import { z } from 'zod';
import { assignmentStatuses } from './assignments.js';
import { complaints, dispositions, AnswersSchema } from './call-schema.js';
import { DecisionSchema } from './decision.js';
import { DestinationChoiceSchema } from './directory.js';
import {
  alertKinds,
  callStatuses,
  cancelReasons,
  outcomes,
  type AlertView,
  type AssignmentView,
  type CallDetail,
  type CallView,
  type OfferView,
} from './event-contract.js';
import { declineCategories, overrideCategories } from './reason-categories.js';
import { ProposedUnitSchema } from './units.js';
import { instant, nullable, point, type Out } from './wire-parts.js';

// The views of a call the server answers with and pushes (event-contract.ts has their
// types), as zod schemas: the OpenAPI document describes the answers with them and the
// tests parse real answers with them. No imports from server/: the browser client reads
// the same shapes.

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
  .meta({ id: 'Assignment' }) satisfies Out<AssignmentView>;

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
    triage: DecisionSchema,
    disposition: z.enum(dispositions),
    matchReason: nullable(z.string()),
    destination: nullable(DestinationChoiceSchema),
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
  .meta({ id: 'Call' }) satisfies Out<CallView>;

export const CallDetailSchema = CallViewSchema.extend({
  decisions: z.array(
    DecisionSchema.extend({ stage: z.enum(['intake', 'assessment']), decidedAt: instant }),
  ),
  assignments: z.array(AssignmentViewSchema),
  timeline: z.array(
    z.object({
      at: instant,
      action: z.string(),
      actorRole: nullable(z.string()),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
}).meta({ id: 'CallDetail' }) satisfies Out<CallDetail>;

export const OfferViewSchema = z
  .object({
    assignment: AssignmentViewSchema,
    call: CallViewSchema,
    destination: nullable(DestinationChoiceSchema),
    disposition: z.enum(dispositions),
  })
  .meta({ id: 'Offer' }) satisfies Out<OfferView>;

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

/** Something a dispatcher must see and acknowledge (an escalation, a decline, no unit). */
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
  .meta({ id: 'Alert' }) satisfies Out<AlertView>;
