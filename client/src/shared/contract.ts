// The wire types the client uses, taken from the server's event contract. Types
// only: the client never imports server code at runtime.
import type {
  AssignmentStatus,
  AssignmentView,
  CallDetail,
  CallStatus,
  CallView,
  ClientToServerEvents,
  Decision,
  Destination,
  DestinationChoice,
  Disposition,
  OfferView,
  Outcome,
  ProposedUnit,
  ServerToClientEvents,
  Unit,
  UnitMoved,
  UnitPosition,
  Call,
  CatchUp,
  EventMeta,
  PushedEvent,
} from '../../../server/realtime/event-contract.js';

export type {
  CatchUp,
  EventMeta,
  PushedEvent,
  AssignmentStatus,
  AssignmentView,
  CallDetail,
  CallStatus,
  CallView,
  ClientToServerEvents,
  Decision,
  Destination,
  DestinationChoice,
  Disposition,
  OfferView,
  Outcome,
  ProposedUnit,
  ServerToClientEvents,
  Unit,
  UnitMoved,
  UnitPosition,
  Call,
};

export type Complaint = Call['complaint'];
export type Answers = NonNullable<Call['answers']>;
export type AnswerName = keyof Answers;
export type Vitals = NonNullable<Call['vitals']>;
export type VitalName = keyof Vitals;
export type Sex = NonNullable<Call['patient']['sex']>;
export type Capacity = Destination['capacity'];
export type UnitStatus = Unit['status'];

/** A call as POST /api/triage and POST /api/calls accept it. */
export interface CallInput {
  receivedAt?: string;
  location?: { lat: number; lng: number; address?: string };
  patient: { age: number; sex?: Sex; key?: string };
  complaint: Complaint;
  answers?: Answers;
  vitals?: Vitals;
  notes?: string;
}

export interface ClientConfig {
  map: { tileUrl: string; attribution: string; center: { lat: number; lng: number }; zoom: number };
  serviceArea: { name: string; timeZone: string };
}
