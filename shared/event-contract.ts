// The realtime contract: every event the server pushes and every event a client
// sends, with its payload. Server and browser client both import these types,
// so a wrong payload does not compile on either side. Types only: nothing here
// may import server code at runtime. The views themselves are written once, as
// zod schemas (view-schemas.ts, referral-schema.ts, visits.ts, ...); their types
// are re-exported here so one import names the whole contract.
import type { Call } from './call-schema.js';
import type { Decision } from './decision.js';
import type { Destination, DestinationChoice } from './directory.js';
import type { ProposedUnit, Unit } from './units.js';
import type { VisitView } from './visits.js';
import type { ReferralView } from './referral-schema.js';
import type {
  AlertKind,
  AlertView,
  AssignmentView,
  CallDetail,
  CallView,
  OfferView,
  TimelineEntry,
} from './view-schemas.js';

export type {
  AlertKind,
  AlertView,
  AssignmentView,
  Call,
  CallDetail,
  CallView,
  Decision,
  Destination,
  DestinationChoice,
  OfferView,
  ProposedUnit,
  ReferralView,
  TimelineEntry,
  Unit,
  VisitView,
};
export type { AssignmentStatus } from './assignments.js';
export type { CallStatus, CancelReason, Outcome } from './call-lifecycle.js';
export type Disposition = Decision['disposition'];

/** The dispatcher took a call back from a unit: the crew stops (and the phone says why). */
export interface AssignmentWithdrawn {
  assignmentId: string;
  callId: string;
  unitId: string;
  /** Why, in words for the crew. */
  reason: string;
  at: string;
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
