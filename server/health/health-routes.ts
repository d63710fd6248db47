import { Router } from 'express';
import type { Database } from '../db/database.js';

export function healthRouter(deps: { db: Database; ruleSetVersion: string }): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const up = await deps.db.ping();
    res.status(up ? 200 : 503).json({
      status: up ? 'ok' : 'degraded',
      database: { status: up ? 'up' : 'down', dialect: deps.db.dialect },
      ruleSetVersion: deps.ruleSetVersion,
    });
  });
  return router;
}
