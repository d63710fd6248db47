import { appendAudit } from '../audit/audit-repository.js';
import { changedFields } from '../audit/field-changes.js';
import type { RequestContext } from '../auth/request-context.js';
import type { Database, Queryable } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import type { Publish } from '../realtime/domain-events.js';
import { listDestinations, type Destination } from './destination-repository.js';
import type { CreateDestinationInput, UpdateDestinationInput } from './destination-schemas.js';

interface Deps {
  db: Database;
  publish: Publish;
}

function columns(input: UpdateDestinationInput): Record<string, unknown> {
  return {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.type !== undefined && { type: input.type }),
    ...(input.address !== undefined && { address: input.address }),
    ...(input.building !== undefined && { building: input.building }),
    ...(input.location !== undefined && { lat: input.location.lat, lng: input.location.lng }),
    ...(input.ageRange !== undefined && {
      min_age: input.ageRange.min,
      max_age: input.ageRange.max,
    }),
    ...(input.active !== undefined && { active: input.active }),
  };
}

/** Hours and upcoming closures are replaced as a whole: what the admin sees is what is kept. */
async function replaceSchedule(
  q: Queryable,
  id: string,
  input: UpdateDestinationInput,
): Promise<void> {
  if (input.hours) {
    await q('destination_hours').where({ destination_id: id }).delete();
    if (input.hours.length)
      await q('destination_hours').insert(
        input.hours.map((s) => ({
          destination_id: id,
          weekday: s.weekday,
          opens_at: s.opens,
          closes_at: s.closes,
        })),
      );
  }
  if (input.closures) {
    // Past closures stay as history; current and future ones are what the list replaces.
    await q('destination_closures')
      .where({ destination_id: id })
      .where('ends_at', '>', q.fn.now())
      .delete();
    if (input.closures.length)
      await q('destination_closures').insert(
        input.closures.map((c) => ({
          destination_id: id,
          starts_at: c.startsAt,
          ends_at: c.endsAt,
          reason: c.reason,
        })),
      );
  }
}

/** What an admin can change, comparable before and after (closure ids are new each time). */
function editable(d: Destination) {
  return {
    name: d.name,
    type: d.type,
    address: d.address,
    building: d.building,
    location: d.location,
    ageRange: d.ageRange,
    active: d.active,
    hours: d.hours,
    closures: d.closures.map(({ startsAt, endsAt, reason }) => ({ startsAt, endsAt, reason })),
  };
}

async function mustFind(q: Queryable, id: string): Promise<Destination> {
  const [destination] = await listDestinations(q, { ids: [id] });
  if (!destination) throw new NotFoundError('Destination');
  return destination;
}

export async function createDestination(
  deps: Deps,
  context: RequestContext,
  input: CreateDestinationInput,
): Promise<Destination> {
  const destination = await deps.db.transaction(async (trx) => {
    const [row] = await trx('destinations')
      .insert({ ...columns(input), capacity: 'green' })
      .returning<Array<{ id: string }>>('id');
    if (!row) throw new Error('destination insert returned no row');
    await replaceSchedule(trx, row.id, input);
    const created = await mustFind(trx, row.id);
    await appendAudit(trx, {
      by: context,
      action: 'destination:created',
      entityType: 'destination',
      entityId: row.id,
      details: editable(created),
    });
    return created;
  });
  deps.publish({ type: 'destination:updated', destination });
  return destination;
}

export async function updateDestination(
  deps: Deps,
  context: RequestContext,
  id: string,
  input: UpdateDestinationInput,
): Promise<Destination> {
  const destination = await deps.db.transaction(async (trx) => {
    const locked = await trx('destinations').where({ id }).forUpdate().first('id');
    if (!locked) throw new NotFoundError('Destination');
    const before = editable(await mustFind(trx, id));
    const set = columns(input);
    if (Object.keys(set).length) await trx('destinations').where({ id }).update(set);
    await replaceSchedule(trx, id, input);
    const updated = await mustFind(trx, id);
    const changes = changedFields(before, editable(updated));
    if (Object.keys(changes).length)
      await appendAudit(trx, {
        by: context,
        action: 'destination:updated',
        entityType: 'destination',
        entityId: id,
        details: { changes },
      });
    return updated;
  });
  deps.publish({ type: 'destination:updated', destination });
  return destination;
}
