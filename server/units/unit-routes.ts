import { Router } from 'express';
import { actorOf, requireRole } from '../auth/require-role.js';
import { withRoundedPosition } from '../privacy/round-position.js';
import { roles } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { listUnits } from './unit-repository.js';

export function unitRouter(deps: { db: Database }): Router {
  const router = Router();
  router.get('/units', requireRole(...roles), async (req, res) => {
    const units = await listUnits(deps.db.query);
    // Where a unit is on scene is where a patient is: leads see it to about 1 km.
    res.json(actorOf(req).role === 'lead' ? units.map(withRoundedPosition) : units);
  });
  return router;
}
