import { appendAudit } from '../audit/audit-repository.js';
import type { RequestContext } from '../auth/request-context.js';
import { changedFields } from '../audit/field-changes.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/database-errors.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import type { Publish } from '../realtime/domain-events.js';
import type { CreateUnitInput, UpdateUnitInput } from './unit-schemas.js';
import { findUnit, type Unit } from './unit-repository.js';

interface Deps {
  db: Database;
  publish: Publish;
}

const callSignTaken = (callSign: string) =>
  new ConflictError('call_sign_taken', `A unit with the call sign ${callSign} already exists`);

/** The columns an admin's change writes, from the parts it names. */
function columns(input: UpdateUnitInput): Record<string, unknown> {
  return {
    ...(input.callSign !== undefined && { call_sign: input.callSign }),
    ...(input.skills !== undefined && { skills: input.skills }),
    ...(input.shift !== undefined && {
      shift_starts_at: input.shift.startsAt,
      shift_ends_at: input.shift.endsAt,
    }),
    ...(input.homeBase !== undefined && {
      home_base: input.homeBase.name,
      home_lat: input.homeBase.lat,
      home_lng: input.homeBase.lng,
    }),
  };
}

/** A comparable view of what an admin can change, for the audit entry. */
function editable(unit: Unit) {
  return {
    callSign: unit.callSign,
    skills: unit.skills,
    shift: unit.shift,
    homeBase: unit.homeBase,
  };
}

export async function createUnit(
  deps: Deps,
  context: RequestContext,
  input: CreateUnitInput,
): Promise<Unit> {
  const unit = await guardCallSign(input.callSign, () =>
    deps.db.transaction(async (trx) => {
      const [row] = await trx('units')
        .insert({ ...columns(input), status: 'available' })
        .returning<Array<{ id: string }>>('id');
      if (!row) throw new Error('unit insert returned no row');
      const created = await findUnit(trx, row.id);
      if (!created) throw new NotFoundError('Unit');
      await appendAudit(trx, {
        by: context,
        action: 'unit:created',
        entityType: 'unit',
        entityId: row.id,
        details: editable(created),
      });
      return created;
    }),
  );
  deps.publish({ type: 'unit:updated', unit });
  return unit;
}

export async function updateUnit(
  deps: Deps,
  context: RequestContext,
  unitId: string,
  input: UpdateUnitInput,
): Promise<Unit> {
  const unit = await guardCallSign(input.callSign, () =>
    deps.db.transaction(async (trx) => {
      const locked = await trx('units').where({ id: unitId }).forUpdate().first('id');
      if (!locked) throw new NotFoundError('Unit');
      const before = await findUnit(trx, unitId);
      if (!before) throw new NotFoundError('Unit');
      await trx('units')
        .where({ id: unitId })
        .update({ ...columns(input), updated_at: trx.fn.now() });
      const after = await findUnit(trx, unitId);
      if (!after) throw new NotFoundError('Unit');
      const changes = changedFields(editable(before), editable(after));
      if (Object.keys(changes).length)
        await appendAudit(trx, {
          by: context,
          action: 'unit:updated',
          entityType: 'unit',
          entityId: unitId,
          details: { changes },
        });
      return after;
    }),
  );
  deps.publish({ type: 'unit:updated', unit });
  return unit;
}

async function guardCallSign<T>(callSign: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (callSign && isUniqueViolation(err, 'units_call_sign_unique')) throw callSignTaken(callSign);
    throw err;
  }
}
