import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { pendingMigrations } from '../db/migrate.js';
import { describeRoute } from '../http/route-docs.js';
import type { ClusterAdapter } from '../realtime/cluster-adapter.js';

const adapterStates = ['listening', 'reconnecting', 'single-process'] as const;

const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded', 'down']),
  database: z.object({ status: z.enum(['up', 'down']), dialect: z.string() }),
  realtime: z.object({ adapter: z.enum(adapterStates) }),
  ruleSetVersion: z.string(),
});
const LiveSchema = z.object({ status: z.literal('live'), uptimeSec: z.number() });
const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({
    database: z.enum(['up', 'down']),
    migrations: z.enum(['done', 'pending', 'unknown']),
    adapter: z.enum(adapterStates),
    warmedUp: z.boolean(),
    eventFeed: z.enum(['started', 'starting']),
  }),
});

describeRoute('get', '/api/health', {
  tag: 'health',
  summary: 'Overall health, for monitors and people',
  description:
    '503 `down` while the database cannot be reached; 200 `degraded` while this process ' +
    'does not hear the other processes (the adapter is reconnecting); 200 `ok` otherwise.',
  roles: 'public',
  response: { description: 'Healthy or degraded', schema: HealthSchema },
});
describeRoute('get', '/api/health/live', {
  tag: 'health',
  summary: 'Liveness: the process is up and answering',
  description: 'Never looks at the database: restart the process only when this fails.',
  roles: 'public',
  response: { description: 'The process answers', schema: LiveSchema },
});
describeRoute('get', '/api/health/ready', {
  tag: 'health',
  summary: 'Readiness: send this process traffic',
  description:
    '200 once the database answers, every migration has run, (with PostgreSQL) the ' +
    'cross-process adapter is subscribed, the process has warmed up (rule engine, ' +
    'database pool, live-path queries) and its event feed has read the event log once ' +
    '(its horizon: sockets are refused until then); 503 naming the failing check otherwise.',
  roles: 'public',
  response: {
    description: 'Ready for traffic (503 with the same shape when not)',
    schema: ReadySchema,
    sameShapeFor: [503],
  },
});

export interface HealthDeps {
  db: Database;
  ruleSetVersion: string;
  cluster?: Pick<ClusterAdapter, 'listening'> | undefined;
  /** False until the process has warmed up (readiness waits for it). */
  warm?: () => boolean;
  /** False until the event feed has its horizon (its first read of the log succeeded). */
  eventsStarted?: () => boolean;
}

/**
 * For load balancers and monitors. `/health/live` says the process answers; `/health/ready`
 * says it should get traffic; `/health` is the summary people and older monitors read.
 */
export function healthRouter(deps: HealthDeps): Router {
  const router = Router();
  const adapter = () =>
    deps.cluster ? (deps.cluster.listening() ? 'listening' : 'reconnecting') : 'single-process';

  router.get('/health', async (_req, res) => {
    const up = await deps.db.ping();
    const realtime = adapter();
    res.status(up ? 200 : 503).json({
      status: !up ? 'down' : realtime === 'reconnecting' ? 'degraded' : 'ok',
      database: { status: up ? 'up' : 'down', dialect: deps.db.dialect },
      realtime: { adapter: realtime },
      ruleSetVersion: deps.ruleSetVersion,
    });
  });

  router.get('/health/live', (_req, res) => {
    res.json({ status: 'live', uptimeSec: Math.round(process.uptime()) });
  });

  router.get('/health/ready', async (_req, res) => {
    const up = await deps.db.ping();
    const migrations = up
      ? await pendingMigrations(deps.db).then(
          (pending) => (pending.length === 0 ? 'done' : 'pending'),
          () => 'unknown' as const,
        )
      : 'unknown';
    const realtime = adapter();
    const warm = deps.warm?.() ?? true;
    const events = deps.eventsStarted?.() ?? true;
    const ready = up && migrations === 'done' && realtime !== 'reconnecting' && warm && events;
    res.status(ready ? 200 : 503).json({
      status: ready ? 'ready' : 'not_ready',
      checks: {
        database: up ? 'up' : 'down',
        migrations,
        adapter: realtime,
        warmedUp: warm,
        eventFeed: events ? 'started' : 'starting',
      },
    });
  });
  return router;
}
