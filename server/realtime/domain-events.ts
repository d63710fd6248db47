import type {
  AssignmentView,
  CallView,
  Destination,
  OfferView,
  Unit,
  UnitMoved,
} from './event-contract.js';

/** What services announce after their transaction commits. */
export type DomainEvent =
  | { type: 'call:created'; call: CallView }
  | { type: 'call:updated'; call: CallView }
  | { type: 'assignment:offered'; offer: OfferView }
  | { type: 'assignment:updated'; assignment: AssignmentView }
  | { type: 'unit:moved'; moved: UnitMoved }
  | { type: 'unit:updated'; unit: Unit }
  | { type: 'destination:updated'; destination: Destination };

export type Publish = (...events: DomainEvent[]) => void;
