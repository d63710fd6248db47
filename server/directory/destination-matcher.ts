import { distanceKm, roundKm, type LatLng } from '../geo/distance.js';
import type { Disposition } from '../../shared/call-schema.js';
import type { Destination, DestinationType } from './destination-repository.js';
import { isOpen } from './opening-hours.js';
import type { DestinationChoice } from '../../shared/directory.js';

/** A site must stay open this long after the decision to be worth sending someone. */
export const CLOSING_MARGIN_MINUTES = 30;

export type Criterion =
  'inactive' | 'age' | 'closed' | 'closing_soon' | 'capacity_red' | 'declined';

export type { DestinationChoice };

export interface NearMiss {
  destinationId: string;
  failed: Criterion;
}

export interface Match {
  /** The pathway served: the one asked for, or the fallback when none could serve it. */
  disposition: Disposition;
  destination: DestinationChoice | null;
  reason: string;
  nearMisses: NearMiss[];
}

export interface MatchRequest {
  disposition: Disposition;
  patientAge: number;
  location: LatLng;
  now: Date;
  timeZone: string;
  destinations: Destination[];
  /** Sites that already declined this call (a referral rejected): never proposed again. */
  declinedBy?: readonly string[];
}

const siteType: Partial<Record<Disposition, DestinationType>> = {
  emergency_department: 'emergency_department',
  crisis_centre: 'crisis_centre',
  cp_clinic: 'cp_clinic',
};

const criterionText: Record<Criterion, string> = {
  inactive: 'not active',
  age: "outside the site's age range",
  closed: 'closed now',
  closing_soon: `closing within ${CLOSING_MARGIN_MINUTES} minutes`,
  capacity_red: 'at red capacity',
  declined: 'declined this call',
};

function failures(site: Destination, request: MatchRequest): Criterion[] {
  const failed: Criterion[] = [];
  if (!site.active) failed.push('inactive');
  const { min, max } = site.ageRange;
  if (request.patientAge < min || (max !== null && request.patientAge > max)) failed.push('age');
  const closure = closureWithin(site, request.now, CLOSING_MARGIN_MINUTES);
  if (!isOpen(site.hours, request.now, request.timeZone) || closure === 'now')
    failed.push('closed');
  else if (
    !isOpen(site.hours, request.now, request.timeZone, CLOSING_MARGIN_MINUTES) ||
    closure === 'soon'
  )
    failed.push('closing_soon');
  if (site.capacity === 'red') failed.push('capacity_red');
  if (request.declinedBy?.includes(site.id)) failed.push('declined');
  return failed;
}

/** Whether a closure covers `now` or begins within the next `minutes`. */
function closureWithin(site: Destination, now: Date, minutes: number): 'now' | 'soon' | null {
  const at = now.getTime();
  const horizon = at + minutes * 60_000;
  let soon = false;
  for (const c of site.closures) {
    const starts = Date.parse(c.startsAt);
    const ends = Date.parse(c.endsAt);
    if (starts <= at && at < ends) return 'now';
    if (at < starts && starts <= horizon) soon = true;
  }
  return soon ? 'soon' : null;
}

function nearest(
  sites: Destination[],
  from: LatLng,
): { site: Destination; km: number } | undefined {
  return sites
    .map((site) => ({ site, km: distanceKm(from, site.location) }))
    .sort((a, b) => a.km - b.km || a.site.name.localeCompare(b.site.name))[0];
}

/**
 * Picks the concrete site for a pathway, like a directory of services: active,
 * suits the patient's age, open and not closing soon, not at red capacity, nearest.
 * No open clinic session falls back to a home visit; no crisis centre to the ED.
 */
export function matchDestination(request: MatchRequest): Match {
  const type = siteType[request.disposition];
  if (!type) {
    return {
      disposition: request.disposition,
      destination: null,
      reason: 'A community paramedic attends the patient where they are',
      nearMisses: [],
    };
  }
  const assessed = request.destinations
    .filter((site) => site.type === type)
    .map((site) => ({ site, failed: failures(site, request) }));
  const nearMisses = assessed
    .filter((a) => a.failed.length === 1)
    .map((a) => ({ destinationId: a.site.id, failed: a.failed[0] as Criterion }));
  const best = nearest(
    assessed.filter((a) => a.failed.length === 0).map((a) => a.site),
    request.location,
  );
  if (best) {
    return {
      disposition: request.disposition,
      destination: choice(
        best,
        `Nearest ${label(type)} that is open, suits the patient's age and has capacity`,
      ),
      reason: 'matched',
      nearMisses,
    };
  }

  const why = summarise(assessed);
  if (type === 'cp_clinic') {
    return {
      disposition: 'home_visit',
      destination: null,
      reason: `No CP@clinic session available (${why}): a community paramedic visits at home instead`,
      nearMisses,
    };
  }
  if (type === 'crisis_centre') {
    const ed = matchDestination({ ...request, disposition: 'emergency_department' });
    const edNote = ed.reason === 'matched' ? '' : `. ${ed.reason}`;
    const reason = `No crisis centre available (${why}): the emergency department instead${edNote}`;
    return {
      disposition: 'emergency_department',
      destination: ed.destination && { ...ed.destination, reason },
      reason,
      nearMisses: [...nearMisses, ...ed.nearMisses],
    };
  }
  // Every ED restricted: the patient still needs one. Relax only capacity and
  // closing time (an ED at red still takes patients), never age or being open.
  const hardLimits: Criterion[] = ['inactive', 'closed', 'age'];
  const fallback = nearest(
    assessed.filter((a) => !a.failed.some((f) => hardLimits.includes(f))).map((a) => a.site),
    request.location,
  );
  const reason = `No emergency department free of restrictions (${why}): nearest open one`;
  return {
    disposition: 'emergency_department',
    destination: fallback ? choice(fallback, reason) : null,
    reason,
    nearMisses,
  };
}

function choice(best: { site: Destination; km: number }, reason: string): DestinationChoice {
  return {
    id: best.site.id,
    name: best.site.name,
    type: best.site.type,
    distanceKm: roundKm(best.km),
    reason,
  };
}

function label(type: DestinationType): string {
  return {
    emergency_department: 'emergency department',
    crisis_centre: 'crisis centre',
    cp_clinic: 'CP@clinic',
  }[type];
}

function summarise(assessed: Array<{ site: Destination; failed: Criterion[] }>): string {
  if (assessed.length === 0) return 'none in the directory';
  return assessed
    .map((a) => `${a.site.name}: ${a.failed.map((f) => criterionText[f]).join(', ')}`)
    .join('; ');
}
