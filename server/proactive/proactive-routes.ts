import { Router } from 'express';
import { originOf } from '../auth/auth-routes.js';
import { actorOf, requireRole } from '../auth/require-role.js';
import { parseInput } from '../http/parse.js';
import {
  BookVisitSchema,
  FrequentCallersQuery,
  OutcomesQuery,
  ListVisitsQuery,
  VisitIdParams,
  VisitStatusSchema,
} from './proactive-schema.js';
import type { CarePlanOutcomesService } from './care-plan-outcomes.js';
import type { ProactiveService } from './proactive-service.js';

export function proactiveRouter(
  proactive: ProactiveService,
  outcomes: CarePlanOutcomesService,
): Router {
  const router = Router();
  const leads = requireRole('lead', 'admin');

  router.get('/stats/care-plans', leads, async (req, res) => {
    res.json(
      await outcomes.summary(parseInput(OutcomesQuery, req.query, 'invalid_query', 'query')),
    );
  });

  router.get('/stats/care-plans.csv', leads, async (req, res) => {
    const csv = await outcomes.csv(parseInput(OutcomesQuery, req.query, 'invalid_query', 'query'));
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="altpath-care-plan-outcomes.csv"');
    res.send(csv);
  });

  router.get('/proactive/frequent-callers', leads, async (req, res) => {
    const query = parseInput(FrequentCallersQuery, req.query, 'invalid_query', 'query');
    res.json(await proactive.frequentCallers(query));
  });

  router.post('/visits', requireRole('lead', 'dispatcher', 'admin'), async (req, res) => {
    const input = parseInput(BookVisitSchema, req.body, 'invalid_visit', 'visit');
    res.status(201).json(await proactive.book(actorOf(req), input, originOf(req).ip));
  });

  router.get(
    '/visits',
    requireRole('dispatcher', 'admin', 'lead', 'paramedic'),
    async (req, res) => {
      const { status } = parseInput(ListVisitsQuery, req.query, 'invalid_query', 'query');
      res.json(await proactive.list(actorOf(req), status, originOf(req).ip));
    },
  );

  router.post(
    '/visits/:id/status',
    requireRole('dispatcher', 'admin', 'paramedic'),
    async (req, res) => {
      const { id } = parseInput(VisitIdParams, req.params, 'invalid_request', 'visit id');
      const { status } = parseInput(VisitStatusSchema, req.body, 'invalid_visit', 'visit');
      res.json(await proactive.setStatus(actorOf(req), id, status, originOf(req).ip));
    },
  );

  return router;
}
