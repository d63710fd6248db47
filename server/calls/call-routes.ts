import { Router } from 'express';
import { originOf } from '../auth/auth-routes.js';
import { actorOf, requireRole } from '../auth/require-role.js';
import type { CarePlanService } from '../care-plans/care-plan-service.js';
import type { DispatchContext } from '../dispatch/dispatch-context.js';
import { parseInput } from '../http/parse.js';
import { currentOffer, getCallDetail, listCalls } from './call-queries.js';
import { AssessmentSchema, CreateCallSchema, IdParams, ListCallsQuery } from './call-schemas.js';
import { createCall } from './create-call.js';
import { recordAssessment } from './record-assessment.js';

export function callRouter(
  ctx: DispatchContext,
  carePlans: Pick<CarePlanService, 'atIntake'>,
): Router {
  const router = Router();

  router.post('/calls', requireRole('dispatcher', 'admin'), async (req, res) => {
    const call = parseInput(CreateCallSchema, req.body, 'invalid_call', 'call');
    const actor = actorOf(req);
    const { ip } = originOf(req);
    const created = await createCall(ctx, actor, call, ip);
    // Looked up once the call is decided and stored: a care plan informs the
    // dispatcher, it never enters the triage decision.
    const carePlan = await carePlans.atIntake(actor, call.patient.key, ip);
    res.status(201).json({ ...created, carePlan });
  });

  router.get(
    '/calls',
    requireRole('dispatcher', 'admin', 'lead', 'paramedic'),
    async (req, res) => {
      const query = parseInput(ListCallsQuery, req.query, 'invalid_query', 'query');
      res.json(
        await listCalls(ctx.db, actorOf(req), { statuses: query.status, limit: query.limit }),
      );
    },
  );

  router.get(
    '/calls/:id',
    requireRole('dispatcher', 'admin', 'lead', 'paramedic'),
    async (req, res) => {
      const { id } = parseInput(IdParams, req.params, 'invalid_request', 'call id');
      res.json(await getCallDetail(ctx.db, actorOf(req), id, originOf(req).ip));
    },
  );

  router.post('/calls/:id/assessment', requireRole('paramedic'), async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'invalid_request', 'call id');
    const assessment = parseInput(AssessmentSchema, req.body, 'invalid_assessment', 'assessment');
    res.json(await recordAssessment(ctx, actorOf(req), id, assessment, originOf(req).ip));
  });

  router.get('/me/assignment', requireRole('paramedic'), async (req, res) => {
    res.json({ offer: await currentOffer(ctx.db, actorOf(req), originOf(req).ip) });
  });

  return router;
}
