import type { Destination } from '../directory/destination-repository.js';
import type { CallWithLocation } from '../../shared/call-schema.js';
import type { Decision } from '../../shared/decision.js';
import type { Unit } from '../units/unit-repository.js';
import type { Random } from './prng.js';
import type { SiteBehaviour } from './simulate-referral.js';

/**
 * What a simulated call's life draws on: the same rule set, destinations and units the
 * dispatch services use, the service's settings, and the random source that makes a
 * history reproducible for its seed.
 */
export interface Simulation {
  random: Random;
  decide(call: CallWithLocation): Decision;
  destinations: Destination[];
  units: Unit[];
  timeZone: string;
  roadSpeedKmh: number;
  offerTimeoutS: number;
  dispatcherId: string | null;
  paramedicByUnit: ReadonlyMap<string, string>;
  /** Each receiving site's own acceptance and timing (simulate-referral.ts). */
  behaviours: ReadonlyMap<string, SiteBehaviour>;
}
