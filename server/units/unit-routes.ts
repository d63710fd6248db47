import { Router } from 'express';
import { requireRole } from '../auth/require-role.js';
import { roles } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { listUnits } from './unit-repository.js';

export function unitRouter(deps: { db: Database }): Router {
  const router = Router();
  router.get('/units', requireRole(...roles), async (_req, res) => {
    res.json(await listUnits(deps.db.query));
  });
  return router;
}
