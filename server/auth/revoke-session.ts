import { appendAudit } from '../audit/audit-repository.js';
import type { Database } from '../db/database.js';
import { ForbiddenError, NotFoundError } from '../http/errors.js';
import type { RequestContext } from './request-context.js';
import { listLiveSessions, revokeSession } from './session-repository.js';

/**
 * Ends a live session at once: the next request with its token is a 401. An
 * admin may end anyone's; everyone else only their own. Audited.
 */
export async function revokeSessionById(
  db: Database,
  context: RequestContext,
  sessionId: string,
): Promise<void> {
  const { actor } = context;
  await db.transaction(async (trx) => {
    const [session] = await listLiveSessions(trx, { id: sessionId });
    if (!session) throw new NotFoundError('Live session');
    if (actor.role !== 'admin' && session.userId !== actor.id) {
      throw new ForbiddenError('Only an admin can end another user’s session');
    }
    await revokeSession(trx, sessionId);
    await appendAudit(trx, {
      by: context,
      action: 'auth:session_revoked',
      entityType: 'session',
      entityId: sessionId,
      details: { userId: session.userId, email: session.email },
    });
  });
}
