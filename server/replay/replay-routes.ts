import { Router } from 'express';
import { contextOf } from '../auth/request-context.js';
import { requireRole } from '../auth/require-role.js';
import { parseInput } from '../http/parse.js';
import type { ReplayJobs } from './replay-jobs.js';
import { ReplayJobParams, ReplayJobSchema, ReplayRequestSchema } from './replay-schemas.js';
import { describeRoute } from '../http/route-docs.js';
import { z } from 'zod';

describeRoute('post', '/api/rules/replay', {
  tag: 'rules',
  summary: 'Queue a replay of candidate rule files over stored calls',
  roles: ['lead', 'admin'],
  body: ReplayRequestSchema,
  response: {
    status: 202,
    description: 'Queued; poll GET /api/rules/replay/{id}',
    schema: z.object({ job: ReplayJobSchema }),
  },
  errors: {
    422: 'The candidate rule files do not load (named file and why)',
    429: 'Too many replays waiting or running',
  },
});
describeRoute('get', '/api/rules/replay/:id', {
  tag: 'rules',
  summary: 'A replay job: progress, then its report (safety warnings first)',
  roles: ['lead', 'admin'],
  params: ReplayJobParams,
  response: { description: 'The job', schema: z.object({ job: ReplayJobSchema }) },
  errors: { 404: 'No such replay job' },
});

/** What-if replay of a candidate rule set against stored calls: service leads and admins. */
export function replayRouter(jobs: ReplayJobs): Router {
  const router = Router();

  router.post('/rules/replay', requireRole('lead', 'admin'), async (req, res) => {
    const body = parseInput(ReplayRequestSchema, req.body, 'invalid_replay', 'replay request');
    const job = await jobs.request(contextOf(req), {
      files: body.rules.files,
      from: body.from,
      to: body.to,
    });
    res.status(202).json({ job });
  });

  router.get('/rules/replay/:id', requireRole('lead', 'admin'), async (req, res) => {
    const { id } = parseInput(ReplayJobParams, req.params, 'invalid_request', 'replay job id');
    res.json({ job: await jobs.get(id) });
  });

  return router;
}
