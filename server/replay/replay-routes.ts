import { Router } from 'express';
import { originOf } from '../auth/auth-routes.js';
import { actorOf, requireRole } from '../auth/require-role.js';
import { parseInput } from '../http/parse.js';
import type { ReplayJobs } from './replay-jobs.js';
import { ReplayJobParams, ReplayRequestSchema } from './replay-schemas.js';

/** What-if replay of a candidate rule set against stored calls: service leads and admins. */
export function replayRouter(jobs: ReplayJobs): Router {
  const router = Router();

  router.post('/rules/replay', requireRole('lead', 'admin'), async (req, res) => {
    const body = parseInput(ReplayRequestSchema, req.body, 'invalid_replay', 'replay request');
    const job = await jobs.request(
      actorOf(req),
      { files: body.rules.files, from: body.from, to: body.to },
      originOf(req).ip,
    );
    res.status(202).json({ job });
  });

  router.get('/rules/replay/:id', requireRole('lead', 'admin'), async (req, res) => {
    const { id } = parseInput(ReplayJobParams, req.params, 'invalid_request', 'replay job id');
    res.json({ job: await jobs.get(id) });
  });

  return router;
}
