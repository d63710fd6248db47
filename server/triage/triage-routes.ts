import { Router } from 'express';
import { requireRole } from '../auth/require-role.js';
import { parseInput } from '../http/parse.js';
import { CallSchema } from '../../shared/call-schema.js';
import type { TriageEngine } from './engine.js';
import { describeRoute } from '../http/route-docs.js';
import { DecisionSchema } from '../../shared/decision.js';

describeRoute('post', '/api/triage', {
  tag: 'triage',
  summary: 'Evaluate one call against the rules in force; stores nothing',
  description: 'Triage contract version 2: absent answers are unknown, never "no".',
  roles: ['dispatcher', 'paramedic', 'admin'],
  body: CallSchema,
  response: { description: 'The decision and why', schema: DecisionSchema },
});

/** `POST /triage` (mounted under /api): evaluate one call and store nothing. */
export function triageRouter(deps: { engine: TriageEngine }): Router {
  const router = Router();
  router.post('/triage', requireRole('dispatcher', 'paramedic', 'admin'), async (req, res) => {
    const call = parseInput(CallSchema, req.body, 'invalid_call', 'call');
    res.json(await deps.engine.decide(call));
  });
  return router;
}
