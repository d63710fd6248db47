import type { AddressInfo } from 'node:net';
import { runSeeds } from '../seeds/index.js';
import { createApp, type App } from './app.js';
import type { Config } from './config/config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { createLogger, type Logger } from './logging/logger.js';
import { createTriageEngine } from './triage/engine.js';

export interface RunningServer {
  app: App;
  db: Database;
  logger: Logger;
  url: string;
  port: number;
  stop(): Promise<void>;
}

export interface BootOptions {
  /** Use this database instead of opening one from the config (tests). */
  db?: Database;
  rulesDir?: string;
}

/** Opens the database, migrates, seeds, loads the rules and listens. */
export async function startServer(config: Config, options: BootOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.LOG_LEVEL);
  const log = logger.child({ module: 'boot' });
  const triage = await createTriageEngine(options.rulesDir ? { rulesDir: options.rulesDir } : {});
  const db =
    options.db ??
    openDatabase({
      url: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      acquireTimeoutMs: config.DB_ACQUIRE_TIMEOUT_MS,
    });
  try {
    await db.ready();
    const ran = await migrateToLatest(db);
    if (ran.length) log.info({ migrations: ran }, 'database migrated');
    await runSeeds(db, { demoAccounts: config.seedDemoAccounts, demoPassword: config.DEMO_PASSWORD });
  } catch (err) {
    await db.close();
    throw err;
  }

  const app = createApp({ config, db, logger, triage });
  await new Promise<void>((resolve, reject) => {
    app.http.once('error', reject);
    app.http.listen(config.PORT, config.HOST, () => resolve());
  });
  const port = (app.http.address() as AddressInfo).port;
  const url = `http://localhost:${port}`;
  log.info({ url, dialect: db.dialect, ruleSetVersion: triage.ruleSetVersion }, 'altpath listening');

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await app.stopBackground();
      await app.io.close(); // disconnects sockets and closes the HTTP server
      await db.close();
    })();
    return stopping;
  };
  return { app, db, logger, url, port, stop };
}
