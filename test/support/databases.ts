import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { pgliteTemplateDir } from '../../server/config/project-root.js';
import { openDatabase, type Database } from '../../server/db/database.js';
import { databaseUrl, ensurePostgresTemplate } from './postgres-template.js';

export type TestDialect = 'pglite' | 'postgres';

/** PGlite always; PostgreSQL too when TEST_DATABASE_URL is set. */
export const testDialects: TestDialect[] = process.env.TEST_DATABASE_URL
  ? ['pglite', 'postgres']
  : ['pglite'];

export interface TestDatabase {
  dialect: TestDialect;
  /** Opens a (new) handle on this database; call again after close to "restart". */
  open(): Database;
  /** postgres:// URL (postgres) or data directory (pglite), for child processes. */
  url?: string;
  dataDir?: string;
  dispose(): Promise<void>;
}

// Short on purpose: a query that waits for PGlite's one connection fails loudly.
const ACQUIRE_TIMEOUT_MS = 2_000;

export interface TestDatabaseOptions {
  /**
   * No migration run yet, for the tests of migrating itself. Otherwise the new
   * database is a copy of one with every migration run (the PGlite template
   * `npm run build` makes, a PostgreSQL template database: postgres-template.ts):
   * the same schema, seconds sooner. Seeding is left to whoever opens it.
   */
  empty?: boolean;
}

/** A new database of its own: a temp PGlite directory, or a new PostgreSQL database. */
export async function createTestDatabase(
  dialect: TestDialect,
  { empty = false }: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  if (dialect === 'pglite') {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'altpath-test-'));
    // Copied on first open, and only when its migrations are the current ones.
    const pgliteTemplate = empty ? undefined : pgliteTemplateDir;
    return {
      dialect,
      dataDir,
      open: () => openDatabase({ dataDir, pgliteTemplate, acquireTimeoutMs: ACQUIRE_TIMEOUT_MS }),
      dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `altpath_test_${Date.now()}_${randomBytes(4).toString('hex')}`;
  const template = empty ? '' : ` template ${await ensurePostgresTemplate(adminUrl)}`;
  await adminQuery(adminUrl, `create database ${name}${template}`);
  const url = databaseUrl(adminUrl, name);
  return {
    dialect,
    url,
    open: () => openDatabase({ url, acquireTimeoutMs: ACQUIRE_TIMEOUT_MS }),
    dispose: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
