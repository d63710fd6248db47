// The wire types the client uses, taken from the server's event contract. Types
// only: the client never imports server code at runtime.
import type { Call, Destination, Unit } from '../../../shared/event-contract.js';

export type {
  AssignmentStatus,
  AssignmentView,
  Call,
  CallDetail,
  AlertView,
  CallStatus,
  CancelReason,
  AssignmentWithdrawn,
  CallView,
  CatchUp,
  ClientToServerEvents,
  Decision,
  Destination,
  DestinationChoice,
  Disposition,
  EventMeta,
  OfferView,
  Outcome,
  ProposedUnit,
  PushedEvent,
  PushedMessage,
  PushedPayloads,
  ReferralView,
  ServerToClientEvents,
  Unit,
  UnitMoved,
  UnitPosition,
  VisitView,
} from '../../../shared/event-contract.js';
export type { CarePlanHistory, CarePlanView } from '../../../shared/care-plan-schema.js';

export type { AuditPage, AuditRecord } from '../../../shared/audit.js';
export type { PossibleDuplicate } from '../../../shared/view-schemas.js';
export type { Role } from '../../../shared/roles.js';
export type { UnitSkill } from '../../../shared/unit-skills.js';
export type { UserRecord } from '../../../shared/users.js';

export type Complaint = Call['complaint'];
export type Answers = NonNullable<Call['answers']>;
export type AnswerName = keyof Answers;
export type Vitals = NonNullable<Call['vitals']>;
export type VitalName = keyof Vitals;
export type Sex = NonNullable<Call['patient']['sex']>;
export type Capacity = Destination['capacity'];
export type UnitStatus = Unit['status'];

/** A call as POST /api/triage and POST /api/calls accept it (the schema they parse with). */
export type { CallInput } from '../../../shared/call-schema.js';

export interface ClientConfig {
  map: { tileUrl: string; attribution: string; center: { lat: number; lng: number }; zoom: number };
  serviceArea: { name: string; timeZone: string };
  cost: { perDiversion: number; currency: string; source: string };
  offer: { timeoutSeconds: number };
  steps: { undoSeconds: number };
}
