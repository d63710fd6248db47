// A signed-in user changes their own password. The current password is required (a session
// left open on a shared screen is not enough) and a wrong one counts as a failed sign-in, so
// the same throttle stops guessing through this door. Every other session of the user ends.
import { appendAudit } from '../audit/audit-repository.js';
import { hashPassword, verifyPassword } from '../crypto/password.js';
import type { Database } from '../db/database.js';
import { ValidationError } from '../http/errors.js';
import type { RequestOrigin } from '../http/request-origin.js';
import type { ChangePasswordInput } from './auth-schema.js';
import type { Actor } from './roles.js';
import { findUserById, revokeOtherSessions, setPasswordHash } from './session-repository.js';
import type { SignInThrottle } from './sign-in-throttle.js';

const wrong = (path: keyof ChangePasswordInput, message: string) =>
  new ValidationError('invalid_password_change', message, [{ path, message }]);

export async function changeOwnPassword(
  deps: { db: Database; throttle: SignInThrottle },
  actor: Actor,
  input: ChangePasswordInput,
  origin: RequestOrigin,
): Promise<{ endedSessions: string[] }> {
  const { db, throttle } = deps;
  await throttle.check(actor.email, origin.ip);
  const user = await findUserById(db.query, actor.id);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    await throttle.recordFailure(actor.email, origin.ip);
    await appendAudit(db.query, {
      actorId: actor.id,
      actorRole: actor.role,
      action: 'auth:password_change_failed',
      entityType: 'user',
      entityId: actor.id,
      ip: origin.ip,
    });
    throw wrong('currentPassword', 'The current password is not correct');
  }
  if (input.newPassword === input.currentPassword)
    throw wrong('newPassword', 'The new password must differ from the current one');
  await throttle.recordSuccess(actor.email, origin.ip);
  const hash = await hashPassword(input.newPassword);
  const endedSessions = await db.transaction(async (trx) => {
    await setPasswordHash(trx, actor.id, hash);
    const ended = await revokeOtherSessions(trx, actor.id, actor.sessionId);
    await appendAudit(trx, {
      actorId: actor.id,
      actorRole: actor.role,
      action: 'auth:password_changed',
      entityType: 'user',
      entityId: actor.id,
      ip: origin.ip,
      details: { sessionsEnded: ended },
    });
    return ended;
  });
  return { endedSessions };
}
