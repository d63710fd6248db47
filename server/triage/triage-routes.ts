import { Router } from 'express';
import { requireRole } from '../auth/require-role.js';
import { parseInput } from '../http/parse.js';
import { CallSchema } from './call-schema.js';
import type { TriageEngine } from './engine.js';

/** `POST /triage` (mounted under /api): evaluate one call and store nothing. */
export function triageRouter(deps: { engine: TriageEngine }): Router {
  const router = Router();
  router.post('/triage', requireRole('dispatcher', 'paramedic', 'admin'), async (req, res) => {
    const call = parseInput(CallSchema, req.body, 'invalid_call', 'call');
    res.json(await deps.engine.decide(call));
  });
  return router;
}
