import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { metricsRouter } from './metrics/metrics-routes.js';
import { createApp, type App } from './app.js';
import { recordRuleSetInForce } from './audit/record-rule-set.js';
import { disableDemoAccounts } from './auth/demo-accounts.js';
import type { Config } from './config/config.js';
import { pgliteTemplateDir } from './config/project-root.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { seedDatabase } from './db/seed.js';
import { createLogger, type DestinationStream, type Logger } from './logging/logger.js';
import { createTriageEngine, type TriageEngine } from './triage/engine.js';

export interface RunningServer {
  app: App;
  db: Database;
  logger: Logger;
  /** The port of the METRICS_PORT server, when one was asked for. */
  metricsPort?: number;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface BootOptions {
  /** Use this database instead of opening one from the config (tests). */
  db?: Database;
  rulesDir?: string;
  /** Where log lines go instead of stdout (tests that read the log). */
  logStream?: DestinationStream;
}

/** Opens the database, migrates, seeds, loads the rules and listens. */
export async function startServer(
  config: Config,
  options: BootOptions = {},
): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL, options.logStream);
  const log = logger.child({ module: 'boot' });
  const rulesDir = options.rulesDir ?? config.RULES_DIR;
  // The database first: PGlite compiles its WASM on V8's background threads while
  // the rules load here, so a start waits for the slower of the two, not both.
  const ownsDatabase = options.db === undefined;
  const db =
    options.db ??
    openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      pgliteTemplate: pgliteTemplateDir,
    });
  let triage: TriageEngine;
  try {
    triage = await createTriageEngine(rulesDir ? { rulesDir } : {});
    await db.ready();
    const ran = await migrateToLatest(db);
    if (ran.length) log.info({ migrations: ran }, 'database migrated');
    await seedDatabase(db, {
      demoAccounts: config.seedDemoAccounts,
      demoPassword: config.DEMO_PASSWORD,
    });
    await recordRuleSetInForce(db, triage.ruleSetVersion);
    if (config.NODE_ENV === 'production') {
      const disabled = await disableDemoAccounts(db.query);
      if (disabled.length)
        log.warn({ accounts: disabled }, 'demo accounts found in a production database: disabled');
    }
  } catch (err) {
    // The start's own fault is what the operator must read (a broken rule file, a
    // refused migration), not a failure to close; a database handed in is its owner's.
    if (ownsDatabase) await db.close().catch(() => undefined);
    throw err;
  }

  const app = createApp({ config, db, logger, triage, rulesDir });
  await new Promise<void>((resolve, reject) => {
    app.http.once('error', reject);
    app.http.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (app.http.address() as AddressInfo).port;
  const metricsServer =
    config.METRICS_PORT === undefined
      ? undefined
      : await listenForMetrics(app, config.METRICS_PORT, config.METRICS_HOST);
  const shownHost = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${shownHost}:${port}`;
  log.info(
    { url, dialect: db.dialect, ruleSetVersion: triage.ruleSetVersion },
    'altpath listening',
  );

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= Promise.all([
      shutDown(app, db, log),
      metricsServer && new Promise((resolve) => metricsServer.close(resolve)),
    ]).then(() => undefined);
    return stopping;
  };
  const metricsPort = metricsServer && (metricsServer.address() as AddressInfo).port;
  return { app, db, logger, url, port, stop, ...(metricsPort ? { metricsPort } : {}) };
}

/** GET /metrics without a session, on a port of its own, for a Prometheus scraper. */
async function listenForMetrics(app: App, port: number, host: string): Promise<HttpServer> {
  const server = createServer(express().use(metricsRouter(app.metrics, { open: true })));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** How long closing the database may take at shutdown. */
const CLOSE_TIMEOUT_MS = 5_000;

/** How long in-flight requests get to finish before their connections are cut. */
const DRAIN_TIMEOUT_MS = 10_000;

/**
 * Graceful shutdown: stop background work, tell sockets to reconnect elsewhere,
 * stop accepting, let in-flight requests finish, then close the database.
 */
async function shutDown(app: App, db: Database, log: Logger): Promise<void> {
  await app.stopBackground();
  app.io.local.emit('server:draining');
  app.io.local.disconnectSockets(true);
  const closed = new Promise<void>((resolve) => app.http.close(() => resolve()));
  app.http.closeIdleConnections();
  const timer = setTimeout(() => {
    log.warn('in-flight requests did not finish in time; closing their connections');
    app.http.closeAllConnections();
  }, DRAIN_TIMEOUT_MS);
  await closed;
  clearTimeout(timer);
  app.io.engine.close();
  await app.closeCluster();
  // A statement still running (a replay's batch that was stopped) holds its connection;
  // the process must not wait for it. Whatever it was doing is back in a queue.
  let closeTimer: NodeJS.Timeout | undefined;
  const dbClosed = await Promise.race([
    db.close().then(() => true),
    new Promise<false>((resolve) => {
      closeTimer = setTimeout(() => resolve(false), CLOSE_TIMEOUT_MS);
    }),
  ]);
  clearTimeout(closeTimer);
  if (!dbClosed) log.warn('database connections still busy at shutdown: leaving them');
  log.info('stopped');
}
