import { Router } from 'express';
import { requireRole } from '../auth/require-role.js';
import { describeRoute } from '../http/route-docs.js';
import type { Metrics } from './metrics.js';

describeRoute('get', '/metrics', {
  tag: 'metrics',
  summary: 'Prometheus metrics of this process (text exposition format)',
  description:
    'Admins with a session; a Prometheus scraper uses METRICS_PORT instead (no session, ' +
    'bound to METRICS_HOST, 127.0.0.1 unless set).',
  roles: ['admin'],
  response: { description: 'The metrics', contentType: 'text/plain; version=0.0.4' },
});

/** `GET /metrics`: admins on the main port; everyone who can reach the metrics port there. */
export function metricsRouter(metrics: Metrics, options: { open?: boolean } = {}): Router {
  const router = Router();
  const guard = options.open ? [] : [requireRole('admin')];
  router.get('/metrics', ...guard, async (_req, res) => {
    res.setHeader('Content-Type', metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(await metrics.text());
  });
  return router;
}
