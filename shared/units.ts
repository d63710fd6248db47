// CP units as the server sends them and the client shows them. No imports from
// server/: the browser bundles this module.
import { z } from 'zod';
import { instant, nullable, point, type Out } from './wire-parts.js';

export const unitStatuses = [
  'available',
  'offered',
  'assigned',
  'off_shift',
  'out_of_service',
] as const;
export type UnitStatus = (typeof unitStatuses)[number];

export interface Unit {
  id: string;
  callSign: string;
  skills: string[];
  status: UnitStatus;
  /** When the unit took its current status. */
  statusSince: string;
  onShift: boolean;
  shift: { startsAt: string | null; endsAt: string | null };
  homeBase: { name: string; lat: number; lng: number };
  position: { lat: number; lng: number; at: string | null } | null;
}

export const UnitSchema = z
  .object({
    id: z.uuid(),
    callSign: z.string(),
    skills: z.array(z.string()),
    status: z.enum(unitStatuses),
    statusSince: instant.meta({ description: 'When the unit took its current status' }),
    onShift: z.boolean(),
    shift: z.object({ startsAt: nullable(instant), endsAt: nullable(instant) }),
    homeBase: point.extend({ name: z.string() }),
    position: nullable(point.extend({ at: nullable(instant) })),
  })
  .meta({ id: 'Unit' }) satisfies Out<Unit>;

/** The nearest suitable unit for a call, before anyone is offered it. */
export const ProposedUnitSchema = z.object({
  id: z.uuid(),
  callSign: z.string(),
  distanceKm: z.number(),
  etaMinutes: z.number(),
});
export type ProposedUnit = z.infer<typeof ProposedUnitSchema>;
