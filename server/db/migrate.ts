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

/** Applies pending migrations; returns the names it ran. */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const [, ran] = (await db.query.migrate.latest({ migrationSource: source })) as [
    number,
    string[],
  ];
  return ran;
}

/** Migrations not yet applied (none once boot has migrated): readiness waits for zero. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const [, pending] = (await db.query.migrate.list({ migrationSource: source })) as [
    unknown[],
    Array<string | { file: string }>,
  ];
  return pending.map((m) => (typeof m === 'string' ? m : m.file));
}
