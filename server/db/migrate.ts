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
 * True when knex has recorded exactly the migrations this build knows, no more and
 * no fewer. Two plain reads: knex's own check (its lock table, information_schema
 * lookups, the list) cost a PGlite restart about 300 ms of CPU, and readiness asks
 * at every probe. Anything else goes to knex: a missing migration is run under its
 * lock, and a recorded one this build does not know (an older build on a newer
 * database) is refused there as a corrupt migration directory, so that build never
 * serves against a schema it was not written for.
 */
async function recordedExactly(db: Database): Promise<boolean> {
  const table = (await db.query.raw(`select to_regclass('knex_migrations') is not null as present`))
    .rows as Array<{ present: boolean }>;
  if (!table[0]?.present) return false;
  const recorded = new Set((await db.query('knex_migrations').pluck('name')) as string[]);
  return recorded.size === migrations.length && migrations.every(([name]) => recorded.has(name));
}

/** Applies pending migrations; returns the names it ran. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  if (await recordedExactly(db)) return [];
  const [, ran] = (await db.query.migrate.latest({ migrationSource: source })) as [
    number,
    string[],
  ];
  return ran;
}

/** Migrations not yet applied (none once boot has migrated): readiness waits for zero. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  if (await recordedExactly(db)) return [];
  const [, pending] = (await db.query.migrate.list({ migrationSource: source })) as [
    unknown[],
    Array<string | { file: string }>,
  ];
  return pending.map((m) => (typeof m === 'string' ? m : m.file));
}
