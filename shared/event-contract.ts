// The realtime contract: every event the server pushes and every event a client
// sends, with its payload. Server and browser client both import these types,
// so a wrong payload does not compile on either side. Types only: nothing here
// may import server code at runtime.
import type { Call } from './call-schema.js';
import type { Decision } from './decision.js';
import type { Destination, DestinationChoice } from './directory.js';
import type { ProposedUnit, Unit } from './units.js';
import type { DeclineCategory, OverrideCategory } from './reason-categories.js';
import type { VisitView } from './visits.js';
import type { ReferralOutcome, ReferralStatus, RejectReason } from './referrals.js';
import type { AssignmentStatus } from './assignments.js';

export type { Call, Decision, Destination, DestinationChoice, ProposedUnit, Unit, VisitView };
export type Disposition = Decision['disposition'];

export const callStatuses = [
  'pending',
  'offered',
  'active',
  'completed',
  'cancelled',
  'handed_off',
] as const;
/** Where a call is in its life; the dispatcher's queue filters on it. `handed_off`: ambulance dispatch has it. */
export type CallStatus = (typeof callStatuses)[number];

/** Why a call ended without a visit. */
export const cancelReasons = [
  'caller_cancelled',
  'duplicate',
  'no_patient_found',
  'handled_by_phone',
  'other',
] as const;
export type CancelReason = (typeof cancelReasons)[number];

export type { AssignmentStatus } from './assignments.js';

export const outcomes = [
  'treated_in_place',
  'referred',
  'transported_crisis_centre',
  'transported_cp_clinic',
  'transported_ed',
  'refused_care',
] as const;
export type Outcome = (typeof outcomes)[number];

export interface AssignmentView {
  id: string;
  callId: string;
  unitId: string;
  callSign: string;
  destinationId: string | null;
  disposition: Disposition;
  status: AssignmentStatus;
  overridden: boolean;
  /** Free text: dispatchers, admins and the unit; never leads. */
  overrideReason: string | null;
  overrideCategory: OverrideCategory | null;
  declineReason: string | null;
  declineCategory: DeclineCategory | null;
  outcome: Outcome | null;
  offeredAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
  enRouteAt: string | null;
  onSceneAt: string | null;
  transportingAt: string | null;
  completedAt: string | null;
  /** Withdrawn by the dispatcher (the call was cancelled or handed to ambulance dispatch). */
  cancelledAt: string | null;
}

/** A call as the dispatch board shows it. */
export interface CallView {
  id: string;
  status: CallStatus;
  receivedAt: string;
  complaint: Call['complaint'];
  patient: { age: number; sex: string; key: string | null };
  location: { lat: number; lng: number; address: string | null };
  notes: string | null;
  /** The call-taker's answers, with what the crew changed on scene (absent: not known). */
  answers: Call['answers'];
  escalated: boolean;
  /** When the crew last recorded an on-scene assessment (null: none yet). */
  assessedAt: string | null;
  /** The latest decision: the intake triage, or the on-scene re-triage. */
  triage: Decision;
  /** The pathway being served (the recommendation unless overridden). */
  disposition: Disposition;
  /** Why this destination, or why none (a home visit, a fallback). */
  matchReason: string | null;
  destination: DestinationChoice | null;
  /** Null when the pathway served is the ED: that call goes to ambulance dispatch, not a CP unit. */
  proposedUnit: ProposedUnit | null;
  assignment: AssignmentView | null;
  /** Calls with the same patient key in the 30 days before this one: a repeat caller. */
  repeatCalls: number;
  /** Given to ambulance dispatch: when, and their incident number if the dispatcher had one. */
  handoff: { at: string; reference: string | null } | null;
  /** Ended without a visit: why (details are free text: never leads). */
  cancellation: { at: string; reason: CancelReason; details: string | null } | null;
}

export interface TimelineEntry {
  at: string;
  action: string;
  actorRole: string | null;
  details: Record<string, unknown>;
}

/** GET /api/calls/:id: the call and everything that happened to it. */
export interface CallDetail extends CallView {
  decisions: Array<Decision & { stage: 'intake' | 'assessment'; decidedAt: string }>;
  assignments: AssignmentView[];
  timeline: TimelineEntry[];
}

/** What a paramedic's device receives with an offer. */
export interface OfferView {
  assignment: AssignmentView;
  call: CallView;
  destination: DestinationChoice | null;
  disposition: Disposition;
}

/** The dispatcher took a call back from a unit: the crew stops (and the phone says why). */
export interface AssignmentWithdrawn {
  assignmentId: string;
  callId: string;
  unitId: string;
  /** Why, in words for the crew. */
  reason: string;
  at: string;
}

export const alertKinds = [
  'escalation',
  'declined',
  'expired',
  'no_unit',
  'referral_rejected',
] as const;
export type AlertKind = (typeof alertKinds)[number];

/** Something a dispatcher must see and acknowledge: pinned above the queue until then. */
export interface AlertView {
  id: string;
  kind: AlertKind;
  callId: string;
  unitId: string | null;
  /** In words, for the dispatcher (a decline's reason included). */
  message: string;
  raisedAt: string;
  acknowledgedAt: string | null;
}

/**
 * A call sent to a receiving site (FHIR R4 Task). Partners see their own site's,
 * dispatchers and admins all; leads get it without `patient` and free text.
 */
export interface ReferralView {
  id: string;
  callId: string;
  site: { id: string; name: string; type: Destination['type'] };
  status: ReferralStatus;
  requestedAt: string;
  acceptedAt: string | null;
  rejectedAt: string | null;
  arrivedAt: string | null;
  inProgressAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  rejectReason: RejectReason | null;
  /** Free text: the site, dispatchers and admins; never leads. */
  rejectText: string | null;
  cancelReason: string | null;
  outcome: ReferralOutcome | null;
  /** Arrival to the site taking over care, as ED offload time is measured. */
  handoverMinutes: number | null;
  /** The crew bringing the patient, and when they should arrive (an estimate). */
  unit: { id: string; callSign: string; assignmentStatus: AssignmentStatus } | null;
  etaMinutes: number | null;
  /** What the site needs to receive the patient; null for leads. */
  patient: {
    age: number;
    sex: string;
    complaint: Call['complaint'];
    acuity: Decision['acuity'];
    news2: number;
    reasons: string[];
    vitals: NonNullable<Call['vitals']>;
    notes: string | null;
  } | null;
  /** After a rejection: the next eligible site, or the ED. */
  proposal: {
    disposition: Disposition;
    destination: DestinationChoice | null;
    reason: string;
  } | null;
}

export interface UnitMoved {
  unitId: string;
  lat: number;
  lng: number;
  at: string;
}

/**
 * Sent with every pushed event. `id` is unique (not in commit order); `tx` is
 * the transaction that wrote it. `horizon`: this server has pushed to this
 * socket every event of the room written by a transaction below it, so a
 * client that caught up on connecting has them all and forgets what it holds
 * below it. After a disconnect it asks for what it missed from the horizon it
 * had (`events:since`); see shared/event-cursor.ts.
 */
export interface EventMeta {
  room: string;
  id: number;
  tx: number;
  horizon: number;
}

/** Every event the server pushes, with its payload. */
export interface PushedPayloads {
  'call:created': CallView;
  'call:updated': CallView;
  'assignment:offered': OfferView;
  'assignment:updated': AssignmentView;
  'assignment:withdrawn': AssignmentWithdrawn;
  'alert:raised': AlertView;
  'alert:acknowledged': AlertView;
  'unit:moved': UnitMoved;
  'unit:updated': Unit;
  'destination:updated': Destination;
  'visit:planned': VisitView;
  'visit:updated': VisitView;
  'referral:requested': ReferralView;
  'referral:updated': ReferralView;
}

export type PushedEvent = keyof PushedPayloads;

/** One pushed event with its place in the log. */
export type PushedMessage = {
  [E in PushedEvent]: { event: E; payload: PushedPayloads[E]; meta: EventMeta };
}[PushedEvent];

export interface ServerToClientEvents {
  /**
   * A room's events, in the order this server emits them: each socket gets its
   * room's events as one frame per batch rather than one frame per event (under
   * load a process emits tens of events a second to hundreds of sockets, and
   * the cost is per frame). Apply them in array order, each with its own meta,
   * exactly as if they had come one by one.
   */
  'events:pushed': (batch: PushedMessage[]) => void;
  /** This server is shutting down: reconnect (to another process). */
  'server:draining': () => void;
}

/**
 * What `events:since` answers: the room's events written from the horizon asked
 * for on, in (tx, id) order, and the new horizon. `resync` when too many were
 * missed (or purged): reload the state; `events` then lists only those above
 * the new horizon, so they are not applied again.
 */
export interface CatchUp {
  room: string;
  horizon: number;
  resync: boolean;
  events: Array<{ event: PushedEvent; payload: unknown; id: number; tx: number }>;
}

export type Ack<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
    };

export interface UnitPosition {
  lat: number;
  lng: number;
  accuracyM?: number;
}

export interface ClientToServerEvents {
  'unit:position': (position: UnitPosition, ack: (result: Ack<UnitMoved>) => void) => void;
  'events:since': (request: { after: number | null }, ack: (result: Ack<CatchUp>) => void) => void;
}
