import type { Actor } from '../auth/roles.js';
import { ForbiddenError } from '../http/errors.js';

/**
 * A site's entry (capacity, hours, closures) is kept by its own staff, as the
 * NHS directory lets only a pharmacy update its own; admins keep any. Leads
 * still set capacity on a partner's behalf (the directory's first use).
 */
export function requireSiteStaff(actor: Actor, destinationId: string): void {
  if (actor.role === 'partner' && actor.destinationId !== destinationId)
    throw new ForbiddenError("Only this site's own staff can change its entry");
}
