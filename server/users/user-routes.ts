import { Router } from 'express';
import { contextOf } from '../auth/request-context.js';
import { requireRole } from '../auth/require-role.js';
import type { Database } from '../db/database.js';
import { parseInput } from '../http/parse.js';
import { createUser, updateUser, type UserChange } from './manage-users.js';
import { listUsers } from './user-repository.js';
import { CreateUserBody, UpdateUserBody, UserListQuery, UserParams } from './user-schemas.js';
import { z } from 'zod';
import { UserRecordSchema } from '../../shared/users.js';
import { describeRoute } from '../http/route-docs.js';

const UserChangeAnswer = z.object({
  user: UserRecordSchema,
  temporaryPassword: z
    .string()
    .optional()
    .meta({ description: 'Shown once, when a password was set or reset' }),
  endedSessions: z.number().int().meta({ description: 'Sessions the change ended' }),
});
describeRoute('get', '/api/users', {
  tag: 'users',
  summary: 'Accounts, for admins',
  roles: ['admin'],
  query: UserListQuery,
  response: { description: 'The accounts', schema: z.object({ users: z.array(UserRecordSchema) }) },
});
describeRoute('post', '/api/users', {
  tag: 'users',
  summary: 'Create an account (role, unit or site binding)',
  roles: ['admin'],
  body: CreateUserBody,
  response: { status: 201, description: 'Created', schema: UserChangeAnswer },
  errors: { 409: 'The email is taken, or the binding does not fit the role' },
});
describeRoute('patch', '/api/users/:id', {
  tag: 'users',
  summary: 'Change role, binding, disable or reset the password (ends sessions as needed)',
  roles: ['admin'],
  params: UserParams,
  body: UpdateUserBody,
  response: { description: 'Changed', schema: UserChangeAnswer },
  errors: { 404: 'No such user', 409: 'The service must keep one active admin' },
});

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
    answer(res, 201)(await createUser(deps.db, contextOf(req), input));
  });

  router.patch('/users/:id', adminOnly, async (req, res) => {
    const { id } = parseInput(UserParams, req.params, 'invalid_request', 'user id');
    const input = parseInput(UpdateUserBody, req.body, 'invalid_request', 'user change');
    answer(res, 200)(await updateUser(deps.db, contextOf(req), id, input));
  });

  return router;
}
