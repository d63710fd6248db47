import type { Knex } from 'knex';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => migrations.map(([name]) => name),
  getMigrationName: (name) => name,
  getMigration: async (name) => {
    const found = migrations.find(([candidate]) => candidate === name);
    if (!found) throw new Error(`Unknown migration ${name}`);
    return found[1];
  },
};

/**
 * True when knex has recorded every migration this build knows. Two plain reads:
 * knex's own check (its lock table, information_schema lookups, the list) cost a
 * PGlite restart about 300 ms of CPU, and readiness asks at every probe. Anything
 * short of "all recorded" goes to knex, which migrates under its lock.
 */
async function allRecorded(db: Database): Promise<boolean> {
  const table = (await db.query.raw(`select to_regclass('knex_migrations') is not null as present`))
    .rows as Array<{ present: boolean }>;
  if (!table[0]?.present) return false;
  const recorded = new Set((await db.query('knex_migrations').pluck('name')) as string[]);
  return migrations.every(([name]) => recorded.has(name));
}

/** Applies pending migrations; returns the names it ran. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  if (await allRecorded(db)) return [];
  const [, ran] = (await db.query.migrate.latest({ migrationSource: source })) as [
    number,
    string[],
  ];
  return ran;
}

/** Migrations not yet applied (none once boot has migrated): readiness waits for zero. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  if (await allRecorded(db)) return [];
  const [, pending] = (await db.query.migrate.list({ migrationSource: source })) as [
    unknown[],
    Array<string | { file: string }>,
  ];
  return pending.map((m) => (typeof m === 'string' ? m : m.file));
}
