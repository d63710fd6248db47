import { createHash, randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit-repository.js';
import type { Database } from '../db/database.js';
import { UnauthenticatedError } from '../http/errors.js';
import { decoyPasswordHash, verifyPassword } from '../crypto/password.js';
import { signInThrottleFactory, type SignInThrottleSettings } from './sign-in-throttle.js';
import type { Actor } from './roles.js';
import {
  endedSessions,
  findLiveSession,
  findUserByEmail,
  insertSession,
  revokeSession,
} from './session-repository.js';
import type { RequestContext, RequestOrigin } from './request-context.js';
import type { ChangePasswordInput } from './auth-schema.js';
import { changeOwnPassword } from './change-password.js';

export interface SignedIn {
  token: string;
  expiresAt: Date;
  user: {
    id: string;
    email: string;
    role: Actor['role'];
    unitId: string | null;
    destinationId: string | null;
  };
}

const WRONG_CREDENTIALS = 'Email or password is not correct';

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function authServiceFactory(deps: {
  db: Database;
  sessionTtlHours: number;
  throttle: SignInThrottleSettings;
}) {
  const { db } = deps;
  const throttle = signInThrottleFactory(db.query, deps.throttle);

  async function login(email: string, password: string, origin: RequestOrigin): Promise<SignedIn> {
    const normalised = email.trim().toLowerCase();
    await throttle.check(normalised, origin.ip);
    const user = await findUserByEmail(db.query, normalised);
    // Verify against a decoy when the account is unknown: same answer, same time.
    const ok = await verifyPassword(password, user?.password_hash ?? (await decoyPasswordHash));
    if (!user || !user.active || !ok) {
      await throttle.recordFailure(normalised, origin.ip);
      await appendAudit(db.query, {
        by: { actor: user ? { id: user.id, role: user.role } : null, ip: origin.ip },
        action: 'auth:login_failed',
        details: { email: normalised },
      });
      throw new UnauthenticatedError(WRONG_CREDENTIALS);
    }
    await throttle.recordSuccess(normalised, origin.ip);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + deps.sessionTtlHours * 3_600_000);
    await db.transaction(async (trx) => {
      const sessionId = await insertSession(trx, {
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt,
        ip: origin.ip,
        userAgent: origin.userAgent,
      });
      await appendAudit(trx, {
        by: { actor: { id: user.id, role: user.role }, ip: origin.ip },
        action: 'auth:login',
        entityType: 'session',
        entityId: sessionId,
      });
    });
    return {
      token,
      expiresAt,
      user: {
        id: user.id,
        email: user.email,
        role: user.role,
        unitId: user.unit_id,
        destinationId: user.destination_id,
      },
    };
  }

  /** The actor behind a bearer token or session cookie, and when that session ends; or undefined. */
  async function authenticateSession(
    token: string,
  ): Promise<{ actor: Actor; expiresAt: Date } | undefined> {
    if (!token || token.length > 200) return undefined;
    const session = await findLiveSession(db.query, hashToken(token));
    if (!session) return undefined;
    const actor = {
      id: session.userId,
      email: session.email,
      role: session.role,
      unitId: session.unitId,
      destinationId: session.destinationId,
      sessionId: session.sessionId,
      ...(session.scope ? { scope: session.scope } : {}),
    };
    return { actor, expiresAt: session.expiresAt };
  }

  /** Whether these sessions have ended since they signed in (revoked, expired, user deactivated). */
  const endedOf = (sessionIds: string[]) => endedSessions(db.query, sessionIds);

  async function logout(context: RequestContext): Promise<void> {
    const { actor } = context;
    await db.transaction(async (trx) => {
      await revokeSession(trx, actor.sessionId);
      await appendAudit(trx, {
        by: context,
        action: 'auth:logout',
        entityType: 'session',
        entityId: actor.sessionId,
      });
    });
  }

  return {
    login,
    changePassword: (context: RequestContext, input: ChangePasswordInput) =>
      changeOwnPassword({ db, throttle }, context, input),
    authenticateSession,
    authenticate: async (token: string) => (await authenticateSession(token))?.actor,
    endedSessions: endedOf,
    logout,
  };
}

export type AuthService = ReturnType<typeof authServiceFactory>;
