import type {
  AlertView,
  AssignmentView,
  AssignmentWithdrawn,
  CallView,
  Destination,
  OfferView,
  ReferralView,
  Unit,
  UnitMoved,
} from '../../shared/event-contract.js';
import type { VisitView } from '../../shared/visits.js';

/** What services announce after their transaction commits. */
export type DomainEvent =
  | { type: 'call:created'; call: CallView }
  | { type: 'call:updated'; call: CallView }
  | { type: 'assignment:offered'; offer: OfferView }
  | { type: 'assignment:updated'; assignment: AssignmentView }
  | { type: 'assignment:withdrawn'; withdrawn: AssignmentWithdrawn }
  | { type: 'alert:raised'; alert: AlertView }
  | { type: 'alert:acknowledged'; alert: AlertView }
  | { type: 'unit:moved'; moved: UnitMoved }
  | { type: 'unit:updated'; unit: Unit }
  | { type: 'destination:updated'; destination: Destination }
  /** A planned home visit, whole for dispatch and de-identified for leads. */
  | { type: 'visit:planned'; whole: VisitView; forLeads: VisitView }
  | { type: 'visit:updated'; whole: VisitView; forLeads: VisitView }
  /** A referral, whole for the site, dispatch and the crew; de-identified for leads. */
  | { type: 'referral:requested'; referral: ReferralView; forLeads: ReferralView }
  | { type: 'referral:updated'; referral: ReferralView; forLeads: ReferralView };

export type Publish = (...events: DomainEvent[]) => void;
