import { z } from 'zod';

export const roles = ['dispatcher', 'paramedic', 'lead', 'admin', 'partner'] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;

/** Who is asking: what every service receives instead of the HTTP request. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  unitId: string | null;
  /** A partner's receiving site (crisis centre, CP@clinic): all they see and change is its own. */
  destinationId: string | null;
  sessionId: string;
}
