import type { Role } from '../../shared/roles.js';

export { roles, RoleSchema, type Role } from '../../shared/roles.js';

/** Who is asking: what every service receives instead of the HTTP request. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  unitId: string | null;
  /** A partner's receiving site (crisis centre, CP@clinic): all they see and change is its own. */
  destinationId: string | null;
  sessionId: string;
  /** Set for an API token a partner's system holds: it opens /fhir only. */
  scope?: 'fhir';
}
