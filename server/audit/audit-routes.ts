import { Router, type RequestHandler } from 'express';
import type { Database } from '../db/database.js';
import { parseInput } from '../http/parse.js';
import { listAudit } from './audit-repository.js';
import { AuditQuery } from './audit-schema.js';
import { describeRoute } from '../http/route-docs.js';
import { AuditPageSchema } from '../../shared/audit.js';

describeRoute('get', '/api/audit', {
  tag: 'audit',
  summary: 'The audit log, newest first, a page at a time',
  roles: ['admin'],
  query: AuditQuery,
  response: { description: 'One page of entries', schema: AuditPageSchema },
});

/**
 * Admins page through the audit log. Read-only on purpose: there is no route
 * that changes or removes an entry, and the table refuses both anyway.
 */
export function auditRouter(deps: {
  db: Database;
  /** The admin check, from auth: handed in by app.ts because auth records into the audit log. */
  requireAdmin: RequestHandler;
}): Router {
  const router = Router();
  router.get('/audit', deps.requireAdmin, async (req, res) => {
    const query = parseInput(AuditQuery, req.query, 'invalid_query', 'audit query');
    const { cursor, from, to, ...filters } = query;
    res.json(
      await listAudit(deps.db.query, {
        ...filters,
        from,
        to,
        before: cursor,
      }),
    );
  });
  return router;
}
