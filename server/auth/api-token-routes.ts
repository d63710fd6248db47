import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { parseInput } from '../http/parse.js';
import { contextOf } from './request-context.js';
import { describeRoute } from '../http/route-docs.js';
import { issueApiToken } from './issue-api-token.js';
import { requireRole } from './require-role.js';

const UserIdParams = z.strictObject({ id: z.uuid('must be a UUID') });
export const ApiTokenRequest = z.strictObject({
  label: z
    .string({ error: 'must name the system that will hold it' })
    .trim()
    .min(1, 'must name the system that will hold it')
    .max(80, 'must be at most 80 characters')
    // eslint-disable-next-line no-control-regex -- control characters are what it refuses
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'must be plain text on one line'),
  days: z
    .number({ error: 'must be a whole number of days from 1 to 365' })
    .int('must be a whole number of days from 1 to 365')
    .min(1, 'must be a whole number of days from 1 to 365')
    .max(365, 'must be a whole number of days from 1 to 365')
    .default(90),
});

describeRoute('post', '/api/users/:id/api-tokens', {
  tag: 'sessions',
  summary: "Issue an API token for a receiving site's own system (FHIR API only)",
  description:
    'For a partner account: the system sees what that person sees, through /fhir/r4 only, without their password. Shown once; listed and revoked as a session (GET/DELETE /api/sessions); audited.',
  roles: ['admin'],
  params: UserIdParams,
  body: ApiTokenRequest,
  response: {
    status: 201,
    description: 'The token, shown this once',
    schema: z.object({
      token: z.string().meta({ description: 'For `Authorization: Bearer` on /fhir/r4' }),
      sessionId: z.uuid(),
      expiresAt: z.iso.datetime({ offset: true }),
    }),
  },
  errors: { 404: 'No such user' },
});

export function apiTokenRouter(deps: { db: Database }): Router {
  const router = Router();
  router.post('/users/:id/api-tokens', requireRole('admin'), async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'invalid_request', 'user id');
    const body = parseInput(ApiTokenRequest, req.body, 'invalid_api_token', 'API token');
    const issued = await issueApiToken(deps.db, contextOf(req), { userId: id, ...body });
    res.status(201).json({
      token: issued.token,
      sessionId: issued.sessionId,
      expiresAt: issued.expiresAt.toISOString(),
    });
  });
  return router;
}
