import { appendAudit } from '../audit/audit-repository.js';
import type { RequestContext } from '../auth/request-context.js';
import type { Database } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import type { Publish } from '../realtime/domain-events.js';
import { listDestinations, type Capacity, type Destination } from './destination-repository.js';

/** A lead sets a site's capacity live; matching uses it from the next call on. */
export async function setCapacity(
  deps: { db: Database; publish: Publish },
  context: RequestContext,
  destinationId: string,
  capacity: Capacity,
): Promise<Destination> {
  const destination = await deps.db.transaction(async (trx) => {
    const [before] = await trx('destinations')
      .where({ id: destinationId })
      .forUpdate()
      .select('capacity');
    if (!before) throw new NotFoundError('Destination');
    await trx('destinations')
      .where({ id: destinationId })
      .update({ capacity, capacity_updated_at: trx.fn.now() });
    await appendAudit(trx, {
      by: context,
      action: 'destination:capacity_changed',
      entityType: 'destination',
      entityId: destinationId,
      details: { from: before.capacity, to: capacity },
    });
    const [updated] = await listDestinations(trx, { ids: [destinationId] });
    if (!updated) throw new NotFoundError('Destination');
    return updated;
  });
  deps.publish({ type: 'destination:updated', destination });
  return destination;
}
