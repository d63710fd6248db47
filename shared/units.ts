// CP units as the server sends them and the client shows them. No imports from
// server/: the browser bundles this module.
import { z } from 'zod';

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

/** The nearest suitable unit for a call, before anyone is offered it. */
export const ProposedUnitSchema = z.object({
  id: z.uuid(),
  callSign: z.string(),
  distanceKm: z.number(),
  etaMinutes: z.number(),
});
export type ProposedUnit = z.infer<typeof ProposedUnitSchema>;
