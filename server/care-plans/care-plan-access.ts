import type { Actor } from '../auth/roles.js';
import type { CarePlanRow } from './care-plan-repository.js';

/**
 * Who may read a care plan, and how much of it. Need to know: the dispatcher
 * taking the call (and admins, who take calls too) and the crew attending the
 * patient read it whole, as does the paramedic named as knowing the patient;
 * leads see that a plan exists and its structure, never what anyone typed.
 */
export type ReadAccess = 'whole' | 'redacted' | 'none';

export interface AccessFacts {
  /** The actor's unit is on a call for this patient now. */
  attends: boolean;
}

export function readAccess(
  actor: Actor,
  plan: Pick<CarePlanRow, 'known_paramedic_id'> | undefined,
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
    default:
      return 'none';
  }
}

/**
 * Who may write a new version: community paramedics and leads. A paramedic may
 * start a plan, or change one they may read whole (attending, or the CP who
 * knows the patient); changing a plan one cannot read would be writing blind.
 */
export function mayWrite(
  actor: Actor,
  plan: Pick<CarePlanRow, 'known_paramedic_id'> | undefined,
  facts: AccessFacts,
): boolean {
  if (actor.role === 'lead') return true;
  if (actor.role === 'paramedic') return !plan || readAccess(actor, plan, facts) === 'whole';
  return false;
}
