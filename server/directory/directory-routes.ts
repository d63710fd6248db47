import { Router } from 'express';
import { requireRole } from '../auth/require-role.js';
import { roles } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { listDestinations } from './destination-repository.js';

export function directoryRouter(deps: { db: Database }): Router {
  const router = Router();
  router.get('/destinations', requireRole(...roles), async (_req, res) => {
    res.json(await listDestinations(deps.db.query));
  });
  return router;
}
