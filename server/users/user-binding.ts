import type { Role } from '../auth/roles.js';
import type { Queryable } from '../db/database.js';
import { ValidationError } from '../http/errors.js';

/**
 * What a role is bound to: a paramedic to the unit they crew, a partner to the
 * site they staff, everyone else to nothing. A Record over the roles, so a new
 * role does not compile until it says which.
 */
export type Binding = 'unit' | 'site' | 'none';
export const bindingOf: Record<Role, Binding> = {
  dispatcher: 'none',
  paramedic: 'unit',
  lead: 'none',
  admin: 'none',
  partner: 'site',
};

export interface BindingIds {
  unitId: string | null;
  siteId: string | null;
}

/**
 * The binding a role ends up with: what the request names, else what the user
 * had if the role keeps that kind of binding, else none. A 400 naming the field
 * when the role needs a binding it lacks, or is given one it cannot hold.
 */
export function resolveBinding(
  role: Role,
  requested: Partial<BindingIds>,
  current: BindingIds = { unitId: null, siteId: null },
): BindingIds {
  const kind = bindingOf[role];
  const pick = (field: keyof BindingIds, wanted: Binding) =>
    field in requested ? (requested[field] ?? null) : kind === wanted ? current[field] : null;
  const ids = { unitId: pick('unitId', 'unit'), siteId: pick('siteId', 'site') };
  const issues: Array<{ path: string; message: string }> = [];
  if (kind === 'unit' && !ids.unitId)
    issues.push({ path: 'unitId', message: 'a paramedic must be bound to a unit' });
  if (kind !== 'unit' && ids.unitId)
    issues.push({ path: 'unitId', message: `only a paramedic is bound to a unit, not a ${role}` });
  if (kind === 'site' && !ids.siteId)
    issues.push({ path: 'siteId', message: `a ${role} must be bound to a site` });
  if (kind !== 'site' && ids.siteId)
    issues.push({ path: 'siteId', message: `a ${role} is not bound to a site` });
  if (issues.length) throw bindingError(issues);
  return ids;
}

/** The unit named must exist: a 400 naming the field otherwise. */
export async function checkBindingExists(q: Queryable, ids: BindingIds): Promise<void> {
  if (ids.unitId && !(await q('units').where({ id: ids.unitId }).first('id')))
    throw bindingError([{ path: 'unitId', message: 'no unit has this id' }]);
  if (ids.siteId && !(await q('destinations').where({ id: ids.siteId }).first('id')))
    throw bindingError([{ path: 'siteId', message: 'no site has this id' }]);
}

function bindingError(issues: Array<{ path: string; message: string }>): ValidationError {
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ValidationError('invalid_request', `Invalid user: ${summary}`, issues);
}
