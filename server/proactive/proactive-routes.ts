import { Router } from 'express';
import { contextOf } from '../auth/request-context.js';
import { requireRole } from '../auth/require-role.js';
import { parseInput } from '../http/parse.js';
import {
  BookVisitSchema,
  FrequentCallerListSchema,
  FrequentCallersQuery,
  VisitViewSchema,
  OutcomesQuery,
  ListVisitsQuery,
  VisitIdParams,
  VisitStatusSchema,
} from './proactive-schema.js';
import { z } from 'zod';
import { describeRoute } from '../http/route-docs.js';
import { CarePlanOutcomesSchema, type CarePlanOutcomesService } from './care-plan-outcomes.js';
import type { ProactiveService } from './proactive-service.js';

const leadsOnly = ['lead', 'admin'] as const;
describeRoute('get', '/api/stats/care-plans', {
  tag: 'stats',
  summary: "Frequent callers' calls in the 90 days before and after their care plan",
  roles: leadsOnly,
  query: OutcomesQuery,
  response: { description: 'Before and after', schema: CarePlanOutcomesSchema },
});
describeRoute('get', '/api/stats/care-plans.csv', {
  tag: 'stats',
  summary: 'The same, one line per care plan (de-identified)',
  roles: leadsOnly,
  query: OutcomesQuery,
  response: { description: 'A CSV file', contentType: 'text/csv' },
});
describeRoute('get', '/api/proactive/frequent-callers', {
  tag: 'proactive',
  summary: 'Frequent callers (3+ calls in 90 days, repeat lift assists), de-identified',
  roles: leadsOnly,
  query: FrequentCallersQuery,
  response: { description: 'The patients', schema: FrequentCallerListSchema },
});
describeRoute('post', '/api/visits', {
  tag: 'visits',
  summary: 'Book a planned CP home visit',
  roles: ['lead', 'dispatcher', 'admin'],
  body: BookVisitSchema,
  idempotent: true,
  response: { status: 201, description: 'Booked', schema: VisitViewSchema },
});
describeRoute('get', '/api/visits', {
  tag: 'visits',
  summary: 'Planned visits (a paramedic sees their unit’s; leads no key or address)',
  roles: ['dispatcher', 'admin', 'lead', 'paramedic'],
  query: ListVisitsQuery,
  response: { description: 'The visits', schema: z.array(VisitViewSchema) },
});
describeRoute('post', '/api/visits/:id/status', {
  tag: 'visits',
  summary: 'Close a planned visit: completed or cancelled',
  roles: ['dispatcher', 'admin', 'paramedic'],
  params: VisitIdParams,
  body: VisitStatusSchema,
  response: { description: 'The visit as it now is', schema: VisitViewSchema },
  errors: {
    403: 'Not planned for your unit',
    404: 'No such visit',
    409: 'The visit is no longer planned',
  },
});

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
    res.status(201).json(await proactive.book(contextOf(req), input));
  });

  router.get(
    '/visits',
    requireRole('dispatcher', 'admin', 'lead', 'paramedic'),
    async (req, res) => {
      const { status } = parseInput(ListVisitsQuery, req.query, 'invalid_query', 'query');
      res.json(await proactive.list(contextOf(req), status));
    },
  );

  router.post(
    '/visits/:id/status',
    requireRole('dispatcher', 'admin', 'paramedic'),
    async (req, res) => {
      const { id } = parseInput(VisitIdParams, req.params, 'invalid_request', 'visit id');
      const { status } = parseInput(VisitStatusSchema, req.body, 'invalid_visit', 'visit');
      res.json(await proactive.setStatus(contextOf(req), id, status));
    },
  );

  return router;
}
