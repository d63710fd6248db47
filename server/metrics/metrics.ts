import type { RequestHandler } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Database } from '../db/database.js';
import type { DomainEvent, Publish } from '../realtime/domain-events.js';
import type { AltpathIo } from '../realtime/publisher.js';
import { countReplayJobsByStatus } from '../replay/replay-job-repository.js';

export interface MetricsDeps {
  db: Pick<Database, 'query'>;
  io: AltpathIo;
}

interface PoolLike {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  max?: number;
}

const offerOutcomes = new Set(['accepted', 'declined', 'expired', 'cancelled']);

/**
 * The Prometheus metrics of one process, in a registry of its own (tests build several
 * apps in one process). Counters follow the domain events services publish after they
 * commit, so a metric never counts work that was rolled back.
 */
export function metricsFactory(deps: MetricsDeps) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'altpath_process_' });

  const calls = new Counter({
    name: 'altpath_calls_total',
    help: 'Calls taken, by the pathway triage recommended at intake',
    labelNames: ['disposition'] as const,
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'altpath_decision_rules_total',
    help: 'Rules that shaped an intake or on-scene decision, by rule id',
    labelNames: ['rule', 'disposition'] as const,
    registers: [registry],
  });
  const offers = new Counter({
    name: 'altpath_offers_total',
    help: 'Offers made to CP units, by pathway',
    labelNames: ['disposition'] as const,
    registers: [registry],
  });
  const outcomes = new Counter({
    name: 'altpath_offer_outcomes_total',
    help: 'What became of offers: accepted, declined, expired, cancelled',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const deliveryLag = new Histogram({
    name: 'altpath_event_delivery_lag_seconds',
    help: 'From a change being published (its transaction committed) to its socket messages emitted',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const http = new Histogram({
    name: 'altpath_http_request_duration_seconds',
    help: 'HTTP answers by route pattern (never the raw URL), method and status class',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: 'altpath_sockets',
    help: 'Sockets connected to this process, by role',
    labelNames: ['role'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const socket of deps.io.of('/').sockets.values()) {
        const role = (socket.data as { actor?: { role?: string } }).actor?.role ?? 'unknown';
        this.inc({ role });
      }
    },
  });
  new Gauge({
    name: 'altpath_db_pool_connections',
    help: 'Database pool connections: used, free, and acquires waiting',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const pool = (deps.db.query.client as { pool?: PoolLike }).pool;
      if (!pool) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
      this.set({ state: 'pending' }, pool.numPendingAcquires());
    },
  });
  new Gauge({
    name: 'altpath_replay_jobs',
    help: 'Replay jobs in the shared queue, by status (all processes)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      const counts = await countReplayJobsByStatus(deps.db.query).catch(() => undefined);
      this.reset();
      if (!counts) return;
      for (const status of ['queued', 'running', 'completed', 'failed'] as const)
        this.set({ status }, counts[status] ?? 0);
    },
  });

  const count = (event: DomainEvent) => {
    switch (event.type) {
      case 'call:created':
        calls.inc({ disposition: event.call.triage.disposition });
        for (const reason of event.call.triage.reasons)
          decisions.inc({ rule: reason.rule, disposition: event.call.triage.disposition });
        return;
      case 'assignment:offered':
        offers.inc({ disposition: event.offer.disposition });
        return;
      case 'assignment:updated':
        if (offerOutcomes.has(event.assignment.status))
          outcomes.inc({ outcome: event.assignment.status });
        return;
      default:
        return;
    }
  };

  return {
    registry,
    /** Counts what `publish` announces, then passes it on. */
    counting(publish: Publish): Publish {
      return (...events) => {
        for (const event of events) count(event);
        publish(...events);
      };
    },
    eventEmitted(lagMs: number) {
      deliveryLag.observe(lagMs / 1000);
    },
    /** Times every answer, labelled with the route pattern express matched. */
    httpTimer: ((req, res, next) => {
      const end = http.startTimer();
      res.once('finish', () => {
        const pattern = req.route?.path as string | undefined;
        const route = pattern ? `${req.baseUrl}${pattern}` : 'unmatched';
        end({ method: req.method, route, status: `${String(res.statusCode)[0]}xx` });
      });
      next();
    }) as RequestHandler,
    text: () => registry.metrics(),
    contentType: registry.contentType,
  };
}

export type Metrics = ReturnType<typeof metricsFactory>;
