import { z } from 'zod';
import { declineCategories, overrideCategories } from '../../shared/reason-categories.js';
import { assignmentStatuses } from '../../shared/assignments.js';
import { DestinationChoiceSchema, destinationTypes } from '../../shared/directory.js';
import { ProposedUnitSchema } from '../../shared/units.js';
import { AuditRecordSchema } from '../../shared/audit.js';
import type { Destination } from '../directory/destination-repository.js';
import type {
  AlertView,
  AssignmentView,
  CallDetail,
  CallView,
  OfferView,
} from '../../shared/event-contract.js';
import { alertKinds, callStatuses, cancelReasons, outcomes } from '../../shared/event-contract.js';
import type { PossibleDuplicate } from '../calls/duplicate-calls.js';
import type { ReplayJob } from '../replay/replay-job-repository.js';
import type { StatsService } from '../stats/stats-service.js';
import {
  MissedOpportunitiesSchema,
  RecontactsSchema,
  StatsSummarySchema,
  StatsTimeseriesSchema,
} from '../../shared/stats.js';
import {
  acuities,
  answerNames,
  AnswersSchema,
  complaints,
  dispositions,
} from '../../shared/call-schema.js';
import type { Decision } from '../../shared/decision.js';
import type { Unit } from '../units/unit-repository.js';

// What the routes answer, as zod schemas for the OpenAPI document. Each is checked
// against the TypeScript type the server builds (`satisfies`), so a field added to a
// view and not here, or typed differently, fails `tsc`.

type Out<T> = z.ZodType<T, unknown>;
const instant = z.iso.datetime({ offset: true });
const nullable = <S extends z.ZodType>(s: S) => s.nullable();
const point = z.object({ lat: z.number(), lng: z.number() });

export const DecisionSchema = z
  .object({
    disposition: z.enum(dispositions),
    acuity: z.enum(acuities),
    reasons: z.array(z.object({ rule: z.string(), message: z.string() })),
    missing: z.array(z.enum(answerNames)),
    checks: z.array(z.object({ id: z.string(), message: z.string() })),
    ruleSetVersion: z.string(),
    news2: z.object({
      score: z.number(),
      parts: z.partialRecord(
        z.enum([
          'respiratoryRate',
          'spo2',
          'oxygen',
          'systolicBP',
          'heartRate',
          'gcs',
          'temperature',
        ]),
        z.number(),
      ),
    }),
  })
  .meta({ id: 'Decision' }) satisfies Out<Decision>;

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

export const UnitSchema = z
  .object({
    id: z.uuid(),
    callSign: z.string(),
    skills: z.array(z.string()),
    status: z.enum(['available', 'offered', 'assigned', 'off_shift', 'out_of_service']),
    statusSince: instant.meta({ description: 'When the unit took its current status' }),
    onShift: z.boolean(),
    shift: z.object({ startsAt: nullable(instant), endsAt: nullable(instant) }),
    homeBase: point.extend({ name: z.string() }),
    position: nullable(point.extend({ at: nullable(instant) })),
  })
  .meta({ id: 'Unit' }) satisfies Out<Unit>;

export const DestinationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(destinationTypes),
    address: z.string(),
    building: nullable(z.string()),
    location: point,
    ageRange: z.object({ min: z.number(), max: nullable(z.number()) }),
    capacity: z.enum(['green', 'amber', 'red']),
    capacityUpdatedAt: instant,
    active: z.boolean(),
    hours: z.array(
      z.object({
        weekday: z.number().int().min(0).max(6).meta({ description: '0 = Sunday' }),
        opens: z.string().meta({ description: 'HH:MM, service time zone' }),
        closes: z.string().meta({ description: 'HH:MM; not after opens: past midnight' }),
      }),
    ),
    closures: z
      .array(z.object({ id: z.uuid(), startsAt: instant, endsAt: instant, reason: z.string() }))
      .meta({ description: 'Closures not yet over, soonest first; endsAt excluded' }),
  })
  .meta({ id: 'Destination' }) satisfies Out<Destination>;

export const AuditPageSchema = z.object({
  entries: z.array(AuditRecordSchema),
  nextCursor: nullable(z.string()).meta({ description: 'Pass as `cursor` for the next page' }),
});

const disposition = z.enum(dispositions);
export const ReplayJobSchema = z
  .object({
    id: z.uuid(),
    status: z.enum(['queued', 'running', 'completed', 'failed']),
    requestedBy: nullable(z.string()),
    params: z.object({
      candidateRuleSetVersion: z.string(),
      files: z.array(z.string()),
      from: nullable(z.string()),
      to: nullable(z.string()),
    }),
    progress: z.object({ processed: z.number(), total: z.number() }),
    result: nullable(
      z.object({
        safetyWarnings: z.array(
          z.object({
            callId: z.string(),
            receivedAt: z.string(),
            old: disposition,
            new: disposition,
            reason: z.enum(['transported_ed', 'recontact_72h']),
          }),
        ),
        ruleSetVersion: z.object({ current: z.string(), candidate: z.string() }),
        range: z.object({ from: nullable(z.string()), to: nullable(z.string()) }),
        calls: z.number(),
        changed: z.number(),
        matrix: z.partialRecord(disposition, z.partialRecord(disposition, z.number())),
        changedBy: z.record(z.string(), z.record(z.string(), z.number())),
        projectedDiversion: z.object({ before: z.number(), after: z.number(), change: z.number() }),
      }),
    ),
    error: nullable(z.string()),
    createdAt: instant,
    startedAt: nullable(instant),
    finishedAt: nullable(instant),
  })
  .meta({ id: 'ReplayJob' }) satisfies Out<ReplayJob>;

// Statistics (shared/stats.ts): checked here against what the service answers.
type Stats = { [K in keyof StatsService]: Awaited<ReturnType<StatsService[K]>> };
StatsSummarySchema satisfies Out<Stats['summary']>;
StatsTimeseriesSchema satisfies Out<Stats['timeseries']>;
RecontactsSchema satisfies Out<Stats['recontacts']>;
MissedOpportunitiesSchema satisfies Out<Stats['missedOpportunities']>;
export { MissedOpportunitiesSchema, RecontactsSchema, StatsSummarySchema, StatsTimeseriesSchema };

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
  .meta({ id: 'PossibleDuplicate' }) satisfies Out<PossibleDuplicate>;

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
