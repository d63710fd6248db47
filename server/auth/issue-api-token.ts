import { randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit-repository.js';
import type { Database } from '../db/database.js';
import { NotFoundError, ValidationError } from '../http/errors.js';
import { hashToken } from './auth-service.js';
import type { RequestContext } from './request-context.js';
import { findUserById, insertSession } from './session-repository.js';

/**
 * An admin issues an API token for a partner's own system, on behalf of one of
 * the site's staff: the system then sees what that person sees, through
 * /fhir/r4 only (no other route, no socket), without holding anyone's password.
 * It is a session: listed and revoked with the others (GET/DELETE
 * /api/sessions), ended when the account is deactivated, audited when issued
 * and on each step it takes. Shown once; only its hash is kept.
 */
export async function issueApiToken(
  db: Database,
  context: RequestContext,
  request: { userId: string; label: string; days: number },
): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
  const user = await findUserById(db.query, request.userId);
  if (!user) throw new NotFoundError('User');
  const refuse = (message: string) => {
    throw new ValidationError('invalid_api_token', `Cannot issue an API token: ${message}`, [
      { path: 'userId', message },
    ]);
  };
  if (user.role !== 'partner' || !user.destination_id)
    refuse("API tokens are for a receiving site's systems: the account must be a site's staff");
  if (!user.active) refuse('the account is disabled');
  const token = `altpath_fhir_${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + request.days * 86_400_000);
  const sessionId = await db.transaction(async (trx) => {
    const id = await insertSession(trx, {
      tokenHash: hashToken(token),
      userId: user.id,
      expiresAt,
      ip: null,
      userAgent: null,
      apiToken: { label: request.label },
    });
    await appendAudit(trx, {
      by: context,
      action: 'auth:api_token_issued',
      entityType: 'session',
      entityId: id,
      details: {
        userId: user.id,
        siteId: user.destination_id,
        label: request.label,
        expiresAt: expiresAt.toISOString(),
      },
    });
    return id;
  });
  return { token, sessionId, expiresAt };
}
