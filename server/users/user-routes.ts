import { Router } from 'express';
import { originOf } from '../auth/auth-routes.js';
import { actorOf, requireRole } from '../auth/require-role.js';
import type { Database } from '../db/database.js';
import { parseInput } from '../http/parse.js';
import { createUser, updateUser, type UserChange } from './manage-users.js';
import { listUsers } from './user-repository.js';
import { CreateUserBody, UpdateUserBody, UserListQuery, UserParams } from './user-schemas.js';

/**
 * Admins run the accounts. `onSessionsEnded` drops the sockets of the sessions a
 * change ended, on every process (the adapter carries it).
 */
export function userRouter(deps: {
  db: Database;
  onSessionsEnded: (sessionIds: string[]) => void;
}): Router {
  const router = Router();
  const adminOnly = requireRole('admin');

  router.get('/users', adminOnly, async (req, res) => {
    const filter = parseInput(UserListQuery, req.query, 'invalid_query', 'user query');
    res.json({ users: await listUsers(deps.db.query, filter) });
  });

  const answer =
    (res: { status(code: number): { json(body: unknown): void } }, status: number) =>
    (change: UserChange) => {
      deps.onSessionsEnded(change.endedSessions);
      res.status(status).json({
        user: change.user,
        ...(change.temporaryPassword ? { temporaryPassword: change.temporaryPassword } : {}),
        endedSessions: change.endedSessions.length,
      });
    };

  router.post('/users', adminOnly, async (req, res) => {
    const input = parseInput(CreateUserBody, req.body, 'invalid_request', 'user');
    answer(res, 201)(await createUser(deps.db, actorOf(req), input, originOf(req).ip));
  });

  router.patch('/users/:id', adminOnly, async (req, res) => {
    const { id } = parseInput(UserParams, req.params, 'invalid_request', 'user id');
    const input = parseInput(UpdateUserBody, req.body, 'invalid_request', 'user change');
    answer(res, 200)(await updateUser(deps.db, actorOf(req), id, input, originOf(req).ip));
  });

  return router;
}
