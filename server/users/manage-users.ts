import { randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit-repository.js';
import { findUserByEmail } from '../auth/session-repository.js';
import { hashPassword } from '../crypto/password.js';
import type { Actor } from '../auth/roles.js';
import type { RequestContext } from '../auth/request-context.js';
import type { Database, Queryable } from '../db/database.js';
import { isUniqueViolation } from '../db/database-errors.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { checkBindingExists, resolveBinding } from './user-binding.js';
import {
  findUserRecord,
  otherActiveAdmins,
  revokeSessionsOf,
  type UserRecord,
} from './user-repository.js';
import type { CreateUserInput, UpdateUserInput } from './user-schemas.js';

export interface UserChange {
  user: UserRecord;
  /** Shown to the admin once, never stored: the user signs in with it. */
  temporaryPassword?: string;
  /** Sessions the change ended; their sockets are disconnected on every process. */
  endedSessions: string[];
}

/** 16 characters from 96 random bits: unguessable, short enough to read out. */
const temporaryPassword = () => randomBytes(12).toString('base64url');

function emailTaken(email: string): ConflictError {
  return new ConflictError('email_taken', `A user with the email ${email} already exists`);
}

export async function createUser(
  db: Database,
  context: RequestContext,
  input: CreateUserInput,
): Promise<UserChange> {
  const binding = resolveBinding(input.role, input);
  const generated = input.password ? undefined : temporaryPassword();
  // scrypt takes ~50 ms: hashed before the transaction so no lock waits on it.
  const passwordHash = await hashPassword(input.password ?? generated ?? '');
  try {
    const user = await db.transaction(async (trx) => {
      if (await findUserByEmail(trx, input.email)) throw emailTaken(input.email);
      await checkBindingExists(trx, binding);
      const [row] = await trx('users')
        .insert({
          email: input.email,
          password_hash: passwordHash,
          role: input.role,
          unit_id: binding.unitId,
          destination_id: binding.siteId,
          active: true,
        })
        .returning<Array<{ id: string }>>('id');
      if (!row) throw new Error('user insert returned no row');
      await appendAudit(trx, {
        by: context,
        action: 'user:created',
        entityType: 'user',
        entityId: row.id,
        details: { email: input.email, role: input.role, ...binding },
      });
      return mustFind(trx, row.id);
    });
    return { user, temporaryPassword: generated, endedSessions: [] };
  } catch (err) {
    if (isUniqueViolation(err, 'users_email_unique')) throw emailTaken(input.email);
    throw err;
  }
}

/**
 * Role, binding, active, password: one transaction, one audit entry per kind of
 * change. Disabling, a new role or binding, or a password reset ends the user's
 * sessions (a session was granted to who they were). An admin cannot disable or
 * demote themselves, nor leave the service without an active admin.
 */
export async function updateUser(
  db: Database,
  context: RequestContext,
  userId: string,
  input: UpdateUserInput,
): Promise<UserChange> {
  const generated = input.resetPassword ? temporaryPassword() : undefined;
  const passwordHash = generated ? await hashPassword(generated) : undefined;
  return db.transaction(async (trx) => {
    const before = await trx('users').where({ id: userId }).forUpdate().first<
      | {
          role: UserRecord['role'];
          unit_id: string | null;
          destination_id: string | null;
          active: boolean;
        }
      | undefined
    >('role', 'unit_id', 'destination_id', 'active');
    if (!before) throw new NotFoundError('User');
    const role = input.role ?? before.role;
    const binding = resolveBinding(role, input, {
      unitId: before.unit_id,
      siteId: before.destination_id,
    });
    await checkBindingExists(trx, binding);
    const active = input.active ?? before.active;
    await guardAdmins(trx, context.actor, userId, { before, role, active });

    const changes: Record<string, { from: unknown; to: unknown }> = {};
    if (role !== before.role) changes.role = { from: before.role, to: role };
    if (binding.unitId !== before.unit_id)
      changes.unitId = { from: before.unit_id, to: binding.unitId };
    if (binding.siteId !== before.destination_id)
      changes.siteId = { from: before.destination_id, to: binding.siteId };
    await trx('users')
      .where({ id: userId })
      .update({
        role,
        unit_id: binding.unitId,
        destination_id: binding.siteId,
        active,
        ...(passwordHash ? { password_hash: passwordHash } : {}),
      });

    const audit = (action: string, details: Record<string, unknown> = {}) =>
      appendAudit(trx, {
        by: context,
        action,
        entityType: 'user',
        entityId: userId,
        details,
      });
    if (Object.keys(changes).length) await audit('user:updated', { changes });
    if (active !== before.active) await audit(active ? 'user:enabled' : 'user:disabled');
    if (generated) await audit('user:password_reset');

    const endsSessions = !active || generated !== undefined || Object.keys(changes).length > 0;
    const endedSessions = endsSessions ? await revokeSessionsOf(trx, userId) : [];
    if (endedSessions.length) await audit('user:sessions_ended', { sessions: endedSessions });
    return { user: await mustFind(trx, userId), temporaryPassword: generated, endedSessions };
  });
}

async function guardAdmins(
  q: Queryable,
  actor: Actor,
  userId: string,
  change: { before: { role: string; active: boolean }; role: string; active: boolean },
): Promise<void> {
  const losesAdmin =
    change.before.role === 'admin' &&
    change.before.active &&
    (change.role !== 'admin' || !change.active);
  if (!losesAdmin) return;
  if (userId === actor.id)
    throw new ConflictError(
      'cannot_change_own_admin',
      'You cannot disable yourself or give up your own admin role: ask another admin',
    );
  if ((await otherActiveAdmins(q, userId)) === 0)
    throw new ConflictError('last_admin', 'The service must keep at least one active admin');
}

async function mustFind(q: Queryable, id: string): Promise<UserRecord> {
  const user = await findUserRecord(q, id);
  if (!user) throw new NotFoundError('User');
  return user;
}
