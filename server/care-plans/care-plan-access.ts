import type { Actor } from '../auth/roles.js';
import type { CarePlanRow } from './care-plan-repository.js';

/**
 * Who may read a care plan, and how much of it. Need to know: the dispatcher
 * taking the call (and admins, who take calls too) and the crew attending the
 * patient read it whole, as does the paramedic named as knowing the patient
 * and the staff of the site named as the plan's care coordinator (a partner);
 * leads see that a plan exists and its structure, never what anyone typed.
 */
export type ReadAccess = 'whole' | 'redacted' | 'none';

export interface AccessFacts {
  /** The actor's unit is on a call for this patient now. */
  attends: boolean;
  /** A call for this patient was referred to the actor's own site (a partner). */
  referredHere?: boolean;
}

type PlanFacts = Pick<CarePlanRow, 'known_paramedic_id' | 'coordinator_site_id'>;

export function readAccess(
  actor: Actor,
  plan: PlanFacts | undefined,
  facts: AccessFacts,
): ReadAccess {
  switch (actor.role) {
    case 'dispatcher':
    case 'admin':
      return 'whole';
    case 'lead':
      return 'redacted';
    case 'paramedic':
      return facts.attends || (plan !== undefined && plan.known_paramedic_id === actor.id)
        ? 'whole'
        : 'none';
    case 'partner':
      return coordinates(actor, plan?.coordinator_site_id) ? 'whole' : 'none';
    default:
      return 'none';
  }
}

/**
 * Whether the actor may know anything about this patient's care plan, even that it exists.
 * A partner sees only patients its own site was referred, or whose plan its site coordinates:
 * for any other key the service answers exactly as if there were no plan (404, or null with
 * `orNone`), so a site cannot probe patient keys for plans, nor start plans for patients it
 * has never been sent. Staff of the service itself (dispatch, crews, leads) need the whole
 * register and keep the per-plan rules below.
 */
export function seesPatient(actor: Actor, plan: PlanFacts | undefined, facts: AccessFacts) {
  if (actor.role !== 'partner') return true;
  return facts.referredHere === true || coordinates(actor, plan?.coordinator_site_id);
}

/** The actor is staff of the site named as the plan's care coordinator. */
const coordinates = (actor: Actor, siteId: string | null | undefined) =>
  actor.role === 'partner' && actor.destinationId !== null && siteId === actor.destinationId;

/**
 * Who may write a new version: community paramedics, leads and the coordinator's
 * site. A paramedic may start a plan, or change one they may read whole
 * (attending, or the CP who knows the patient); changing a plan one cannot read
 * would be writing blind. A site's staff change the plans their site coordinates,
 * and start one only for a patient referred to their site, naming their own site as its
 * coordinator.
 */
export function mayWrite(
  actor: Actor,
  plan: PlanFacts | undefined,
  facts: AccessFacts,
  newPlan: { coordinatorSiteId: string | null } = { coordinatorSiteId: null },
): boolean {
  if (actor.role === 'lead') return true;
  if (actor.role === 'paramedic') return !plan || readAccess(actor, plan, facts) === 'whole';
  if (actor.role === 'partner')
    return plan
      ? coordinates(actor, plan.coordinator_site_id)
      : facts.referredHere === true && coordinates(actor, newPlan.coordinatorSiteId);
  return false;
}
