import { Router } from 'express';
import type { Database } from '../db/database.js';
import type { ClusterAdapter } from '../realtime/cluster-adapter.js';

/**
 * For load balancers and monitors: 503 `down` while the database cannot be
 * reached, 200 `degraded` while this process does not hear the others'
 * broadcasts (the adapter is reconnecting), 200 `ok` otherwise.
 */
export function healthRouter(deps: {
  db: Database;
  ruleSetVersion: string;
  cluster?: Pick<ClusterAdapter, 'listening'> | undefined;
}): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    const up = await deps.db.ping();
    const realtime = deps.cluster
      ? deps.cluster.listening()
        ? 'listening'
        : 'reconnecting'
      : 'single-process';
    res.setHeader('Cache-Control', 'no-store');
    res.status(up ? 200 : 503).json({
      status: !up ? 'down' : realtime === 'reconnecting' ? 'degraded' : 'ok',
      database: { status: up ? 'up' : 'down', dialect: deps.db.dialect },
      realtime: { adapter: realtime },
      ruleSetVersion: deps.ruleSetVersion,
    });
  });
  return router;
}
