// Receiving sites as the server sends them and the client shows them. No imports
// from server/: the browser bundles this module.
import { z } from 'zod';

export const destinationTypes = ['emergency_department', 'crisis_centre', 'cp_clinic'] as const;
export type DestinationType = (typeof destinationTypes)[number];

/** A site's own report of how busy it is. */
export const capacities = ['green', 'amber', 'red'] as const;
export type Capacity = (typeof capacities)[number];

export interface OpeningSpan {
  weekday: number; // 0 = Sunday
  opens: string; // HH:MM in the service area's time zone
  closes: string; // HH:MM; not after `opens` means it runs past midnight
}

/** A span the site is closed whatever its weekly hours say; `endsAt` excluded. */
export interface Closure {
  id: string;
  startsAt: string;
  endsAt: string;
  reason: string;
}

export interface Destination {
  id: string;
  name: string;
  type: DestinationType;
  address: string;
  building: string | null;
  location: { lat: number; lng: number };
  ageRange: { min: number; max: number | null };
  capacity: Capacity;
  capacityUpdatedAt: string;
  active: boolean;
  hours: OpeningSpan[];
  /** Closures not yet over, soonest first. */
  closures: Closure[];
}

/** The concrete site chosen for the pathway, and why. */
export const DestinationChoiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(destinationTypes),
  distanceKm: z.number(),
  reason: z.string(),
});
export type DestinationChoice = z.infer<typeof DestinationChoiceSchema>;
