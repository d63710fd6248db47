// Receiving sites as the server sends them and the client shows them. No imports
// from server/: the browser bundles this module.
import { z } from 'zod';
import { instant, nullable, point, type Out } from './wire-parts.js';

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

export const DestinationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    type: z.enum(destinationTypes),
    address: z.string(),
    building: nullable(z.string()),
    location: point,
    ageRange: z.object({ min: z.number(), max: nullable(z.number()) }),
    capacity: z.enum(capacities),
    capacityUpdatedAt: instant,
    active: z.boolean(),
    hours: z.array(
      z.object({
        weekday: z.number().int().min(0).max(6).meta({ description: '0 = Sunday' }),
        opens: z.string().meta({ description: 'HH:MM, service time zone' }),
        closes: z.string().meta({ description: 'HH:MM; not after opens: past midnight' }),
      }),
    ),
    closures: z
      .array(z.object({ id: z.uuid(), startsAt: instant, endsAt: instant, reason: z.string() }))
      .meta({ description: 'Closures not yet over, soonest first; endsAt excluded' }),
  })
  .meta({ id: 'Destination' }) satisfies Out<Destination>;

/** The concrete site chosen for the pathway, and why. */
export const DestinationChoiceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(destinationTypes),
  distanceKm: z.number(),
  reason: z.string(),
});
export type DestinationChoice = z.infer<typeof DestinationChoiceSchema>;
