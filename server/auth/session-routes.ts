import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { parseInput } from '../http/parse.js';
import { contextOf } from './request-context.js';
import { actorOf, requireRole } from './require-role.js';
import { revokeSessionById } from './revoke-session.js';
import { roles } from './roles.js';
import { listLiveSessions } from './session-repository.js';
import { describeRoute } from '../http/route-docs.js';
import { UserSchema } from '../../shared/users.js';

const SessionParams = z.strictObject({ id: z.uuid('must be a UUID') });

describeRoute('get', '/api/sessions', {
  tag: 'sessions',
  summary: 'Live sessions, for admins',
  roles: ['admin'],
  response: {
    description: 'Every live session; `current` marks the one asking',
    schema: z.object({
      sessions: z.array(
        z.object({
          id: z.uuid(),
          user: UserSchema,
          createdAt: z.iso.datetime({ offset: true }),
          expiresAt: z.iso.datetime({ offset: true }),
          ip: z.string().nullable(),
          userAgent: z.string().nullable(),
          apiToken: z.string().nullable().meta({
            description: "An API token's name (the system holding it); null for a sign-in",
          }),
          current: z.boolean(),
        }),
      ),
    }),
  },
});
describeRoute('delete', '/api/sessions/:id', {
  tag: 'sessions',
  summary: 'Revoke a session (admins any, others their own); its sockets disconnect',
  roles,
  params: SessionParams,
  response: { status: 204, description: 'Revoked' },
  errors: { 403: 'Not your session', 404: 'No such live session' },
});

/**
 * Live sessions for admins, and revocation. `onRevoked` lets the app drop the
 * session's sockets too, which otherwise stay connected until they reconnect.
 */
export function sessionRouter(deps: {
  db: Database;
  onRevoked?: (sessionId: string) => void;
}): Router {
  const router = Router();

  router.get('/sessions', requireRole('admin'), async (req, res) => {
    const current = actorOf(req).sessionId;
    const sessions = await listLiveSessions(deps.db.query);
    res.json({
      sessions: sessions.map((s) => ({
        id: s.id,
        user: { id: s.userId, email: s.email, role: s.role, unitId: s.unitId },
        createdAt: s.createdAt.toISOString(),
        expiresAt: s.expiresAt.toISOString(),
        ip: s.ip,
        userAgent: s.userAgent,
        apiToken: s.apiToken,
        current: s.id === current,
      })),
    });
  });

  router.delete('/sessions/:id', requireRole(...roles), async (req, res) => {
    const { id } = parseInput(SessionParams, req.params, 'invalid_request', 'session id');
    await revokeSessionById(deps.db, contextOf(req), id);
    deps.onRevoked?.(id);
    res.status(204).end();
  });

  return router;
}
