// A migrated PostgreSQL database the test databases are copied from
// (`create database … template …`): a copy takes a fraction of a second, where
// running every migration on a new database takes seconds, once per suite that
// boots an app. Named after a hash of the migration files, so a changed or new
// migration makes a new template (migrated from nothing, here) and a stale one is
// never used. Built under an advisory lock: two workers, or two checkouts sharing
// this server, never build the same one at once, nor see a half-migrated one (it
// is migrated under a temporary name and renamed when done).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';

const migrationsDir = fileURLToPath(new URL('../../server/db/migrations', import.meta.url));
const PREFIX = 'altpath_template_';
/** A template no run has used for this long belongs to migrations long gone. */
const ABANDONED_MS = 24 * 60 * 60 * 1000;
// Any fixed number: the advisory lock every builder takes.
const LOCK_KEY = 7_130_213;

export function postgresTemplateName(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsDir).sort()) {
    hash
      .update(`${file}\0`)
      .update(readFileSync(path.join(migrationsDir, file)))
      .update('\0');
  }
  return `${PREFIX}${hash.digest('hex').slice(0, 16)}`;
}

const built = new Map<string, Promise<string>>();

/** The template's name, built first when this server has none for these migrations. */
export function ensurePostgresTemplate(adminUrl: string): Promise<string> {
  let pending = built.get(adminUrl);
  if (!pending) {
    pending = buildTemplate(adminUrl);
    // A failure is not remembered: the next suite tries again and says why.
    pending.catch(() => built.delete(adminUrl));
    built.set(adminUrl, pending);
  }
  return pending;
}

async function buildTemplate(adminUrl: string): Promise<string> {
  const name = postgresTemplateName();
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [LOCK_KEY]);
    if (await exists(admin, name)) {
      await markUsed(admin, name);
      return name;
    }
    const building = `${name}_building`;
    await admin.query(`drop database if exists ${building} with (force)`);
    await admin.query(`create database ${building}`);
    const db = openDatabase({ url: databaseUrl(adminUrl, building) });
    try {
      await migrateToLatest(db);
    } finally {
      await db.close();
    }
    await admin.query(`alter database ${building} rename to ${name}`);
    await markUsed(admin, name);
    await dropAbandoned(admin, name);
    return name;
  } finally {
    await admin.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    await admin.end();
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function exists(admin: pg.Client, name: string): Promise<boolean> {
  const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
  return (found.rowCount ?? 0) > 0;
}

/** When a run last used the template, in its comment, so a template in use is never dropped. */
async function markUsed(admin: pg.Client, name: string): Promise<void> {
  await admin.query(`comment on database ${name} is '${Date.now()}'`);
}

/** Templates of other migration sets no run has used for a day. */
async function dropAbandoned(admin: pg.Client, keep: string): Promise<void> {
  const { rows } = await admin.query<{ datname: string; used: string | null }>(
    `select datname, shobj_description(oid, 'pg_database') as used
       from pg_database where datname like $1 and datname <> $2`,
    [`${PREFIX}%`, keep],
  );
  for (const { datname, used } of rows) {
    if (Date.now() - Number(used ?? 0) < ABANDONED_MS) continue;
    await admin.query(`drop database if exists ${datname}`).catch(() => undefined);
  }
}
