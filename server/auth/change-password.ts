// A signed-in user changes their own password. The current password is required (a session
// left open on a shared screen is not enough) and a wrong one counts as a failed sign-in, so
// the same throttle stops guessing through this door. Every other session of the user ends.
import { appendAudit } from '../audit/audit-repository.js';
import { hashPassword, verifyPassword } from '../crypto/password.js';
import type { Database } from '../db/database.js';
import { ValidationError } from '../http/errors.js';
import type { RequestContext } from './request-context.js';
import type { ChangePasswordInput } from './auth-schema.js';
import { findUserById, revokeOtherSessions, setPasswordHash } from './session-repository.js';
import type { SignInThrottle } from './sign-in-throttle.js';

const wrong = (path: keyof ChangePasswordInput, message: string) =>
  new ValidationError('invalid_password_change', message, [{ path, message }]);

export async function changeOwnPassword(
  deps: { db: Database; throttle: SignInThrottle },
  context: RequestContext,
  input: ChangePasswordInput,
): Promise<{ endedSessions: string[] }> {
  const { db, throttle } = deps;
  const { actor } = context;
  await throttle.check(actor.email, context.ip);
  const user = await findUserById(db.query, actor.id);
  if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
    await throttle.recordFailure(actor.email, context.ip);
    await appendAudit(db.query, {
      by: context,
      action: 'auth:password_change_failed',
      entityType: 'user',
      entityId: actor.id,
    });
    throw wrong('currentPassword', 'The current password is not correct');
  }
  if (input.newPassword === input.currentPassword)
    throw wrong('newPassword', 'The new password must differ from the current one');
  await throttle.recordSuccess(actor.email, context.ip);
  const hash = await hashPassword(input.newPassword);
  const endedSessions = await db.transaction(async (trx) => {
    await setPasswordHash(trx, actor.id, hash);
    const ended = await revokeOtherSessions(trx, actor.id, actor.sessionId);
    await appendAudit(trx, {
      by: context,
      action: 'auth:password_changed',
      entityType: 'user',
      entityId: actor.id,
      details: { sessionsEnded: ended },
    });
    return ended;
  });
  return { endedSessions };
}
