import { Router } from 'express';
import { z } from 'zod';
import { appendAudit } from '../audit/audit-repository.js';
import { contextOf } from '../auth/request-context.js';
import { requireRole } from '../auth/require-role.js';
import type { Database } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import { parseInput } from '../http/parse.js';
import type { Publish } from '../realtime/domain-events.js';
import type { AlertView } from '../../shared/event-contract.js';
import { describeRoute } from '../http/route-docs.js';
import { AlertViewSchema } from '../../shared/view-schemas.js';
import { acknowledgeAlert, findAlert, listOpenAlerts } from './alert-repository.js';

const IdParams = z.strictObject({ id: z.uuid('must be a UUID') });
const AckSchema = z.strictObject({});

describeRoute('get', '/api/alerts', {
  tag: 'alerts',
  summary: 'The alerts no dispatcher has acknowledged yet, oldest first',
  description:
    'Escalations, declines (with their reason), lapsed offers and calls no unit can take. ' +
    'Pushed live as `alert:raised` and `alert:acknowledged` to the dispatch room.',
  roles: ['dispatcher', 'admin'],
  response: { description: 'Open alerts', schema: z.array(AlertViewSchema) },
});
describeRoute('post', '/api/alerts/:id/ack', {
  tag: 'alerts',
  summary: 'Acknowledge an alert (audited); a repeat answers the first acknowledgement',
  roles: ['dispatcher', 'admin'],
  params: IdParams,
  body: AckSchema,
  idempotent: true,
  response: {
    description: 'The alert, acknowledged',
    schema: z.object({ alert: AlertViewSchema }),
  },
  errors: { 404: 'No such alert' },
});

export function alertRouter(deps: { db: Database; publish: Publish }): Router {
  const router = Router();

  router.get('/alerts', requireRole('dispatcher', 'admin'), async (_req, res) => {
    res.json(await listOpenAlerts(deps.db.query));
  });

  /** Acknowledged once; a second acknowledgement (another dispatcher, a retry) answers the first. */
  router.post('/alerts/:id/ack', requireRole('dispatcher', 'admin'), async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'invalid_request', 'alert id');
    parseInput(AckSchema, req.body ?? {}, 'invalid_request', 'acknowledgement');
    const context = contextOf(req);
    const { alert, changed } = await deps.db.transaction(
      async (trx): Promise<{ alert: AlertView; changed: boolean }> => {
        const current = await findAlert(trx, id, { lock: true });
        if (!current) throw new NotFoundError('Alert');
        if (current.acknowledgedAt) return { alert: current, changed: false };
        const acknowledged = await acknowledgeAlert(trx, id, context.actor.id);
        await appendAudit(trx, {
          by: context,
          action: 'alert:acknowledged',
          entityType: 'call',
          entityId: acknowledged.callId,
          details: { alertId: id, kind: acknowledged.kind },
        });
        return { alert: acknowledged, changed: true };
      },
    );
    if (changed) deps.publish({ type: 'alert:acknowledged', alert });
    res.json({ alert });
  });

  return router;
}
