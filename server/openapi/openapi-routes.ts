import { Router } from 'express';
import { z } from 'zod';
import { requireRole } from '../auth/require-role.js';
import { roles } from '../auth/roles.js';
import { packageVersion as version } from '../config/project-root.js';
import { buildOpenApiDocument } from './openapi-document.js';
import { describeRoute } from '../http/route-docs.js';

describeRoute('get', '/api/openapi.json', {
  tag: 'api',
  summary: 'This description of the API (OpenAPI 3.1)',
  roles,
  response: {
    description: 'The OpenAPI document',
    schema: z.record(z.string(), z.unknown()).meta({ description: 'An OpenAPI 3.1 document' }),
  },
});

/**
 * `GET /api/openapi.json` for any signed-in user: it names every route and the roles that
 * may call it, which is for the people who integrate with us, not for anyone on the network.
 * Built on first request, when every route module has described its routes.
 */
export function openApiRouter(): Router {
  const router = Router();
  let document: ReturnType<typeof buildOpenApiDocument> | undefined;
  router.get('/openapi.json', requireRole(...roles), (_req, res) => {
    document ??= buildOpenApiDocument({ version });
    res.json(document);
  });
  return router;
}
