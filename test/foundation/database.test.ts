import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../server/db/seed.js';
import { isStatementTimeout } from '../../server/db/database-errors.js';
import {
  openDatabase,
  QueryOutsideTransactionError,
  type Database,
} from '../../server/db/database.js';
import { toAppError } from '../../server/http/known-errors.js';
import { migrateToLatest, pendingMigrations } from '../../server/db/migrate.js';
import { currentMigrationNames } from '../../server/db/pglite-template.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';

describe.each(testDialects)('the database layer (%s)', (dialect) => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    // Empty, not a copy of the migrated template: every migration runs here, from nothing.
    database = await createTestDatabase(dialect, { empty: true });
    db = database.open();
    await db.ready();
    expect(await migrateToLatest(db)).toEqual(currentMigrationNames());
    await seedDatabase(db, { demoAccounts: true, demoPassword: 'altpath-demo' });
  });
  afterAll(async () => {
    await db?.close();
    await database?.dispose();
  });

  it('fails at once when a query inside a transaction bypasses trx', async () => {
    const started = Date.now();
    await expect(
      db.transaction(async (trx) => {
        await trx('units').count();
        await db.query('units').count(); // the mistake
      }),
    ).rejects.toBeInstanceOf(QueryOutsideTransactionError);
    // Well under the 2 s acquire timeout: it did not wait for the connection.
    expect(Date.now() - started).toBeLessThan(1_500);
    // And the connection is usable afterwards.
    expect(await db.ping()).toBe(true);
  });

  it('rolls back everything when a transaction fails half-way', async () => {
    await expect(
      db.transaction(async (trx) => {
        await trx('units').update({ home_base: 'changed' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.query('units').where({ home_base: 'changed' }).count().first()).toMatchObject({
      count: 0,
    });
  });

  it('re-runs migrations and seeds without duplicating anything', async () => {
    expect(await migrateToLatest(db)).toEqual([]);
    await seedDatabase(db, { demoAccounts: true, demoPassword: 'altpath-demo' });
    const [users] = await db.query('users').count<Array<{ count: number }>>({ count: '*' });
    const [units] = await db.query('units').count<Array<{ count: number }>>({ count: '*' });
    expect(Number(users?.count)).toBe(7);
    expect(Number(units?.count)).toBe(6);
  });

  it('seeds the London demo area: 2 EDs, a 24/7 crisis centre, 3 clinics, 6 units', async () => {
    const byType: Array<{ type: string; n: number }> = await db
      .query('destinations')
      .select('type')
      .count({ n: '*' })
      .groupBy('type');
    expect(Object.fromEntries(byType.map((r) => [r.type, Number(r.n)]))).toEqual({
      emergency_department: 2,
      crisis_centre: 1,
      cp_clinic: 3,
    });
    const crisisHours = await db
      .query('destination_hours as h')
      .join('destinations as d', 'd.id', 'h.destination_id')
      .where('d.type', 'crisis_centre');
    expect(crisisHours.map((h) => h.weekday).sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    const mentalHealth = await db.query('units').whereRaw("'mental_health' = any(skills)");
    expect(mentalHealth.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses to start on a database that recorded a migration this build does not know', async () => {
    // An older build on a newer database: the fast path must not call that "migrated".
    await db.query('knex_migrations').insert({
      name: '29991231_2359_from_a_newer_build',
      batch: 99,
      migration_time: new Date(),
    });
    try {
      await expect(migrateToLatest(db)).rejects.toThrow(/corrupt/i);
      await expect(pendingMigrations(db)).rejects.toThrow(/corrupt/i);
    } finally {
      await db.query('knex_migrations').where({ name: '29991231_2359_from_a_newer_build' }).del();
    }
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('runs a migration that is not yet recorded, whatever else is', async () => {
    const [last] = currentMigrationNames().slice(-1);
    const row = await db.query('knex_migrations').where({ name: last }).first();
    await db.query('knex_migrations').where({ name: last }).del();
    expect(await pendingMigrations(db)).toEqual([last]);
    // The migration itself already ran here: put its record back rather than run it twice.
    await db.query('knex_migrations').insert(row);
    expect(await pendingMigrations(db)).toEqual([]);
  });

  it('keeps the audit log append-only', async () => {
    await db.query('audit_log').insert({ action: 'test:append', details: '{}' });
    await expect(db.query('audit_log').update({ action: 'tampered' })).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('audit_log').delete()).rejects.toThrow(/append-only/);
    expect(await db.query('audit_log').where({ action: 'test:append' }).first()).toBeTruthy();
  });

  it('lets one unit hold only one active assignment', async () => {
    const [unit] = await db.query('units').select('id').limit(1);
    const [user] = await db.query('users').select('id').limit(1);
    const call = {
      received_at: new Date(),
      patient_age: 40,
      complaint: 'fall',
      input: '{}',
      disposition: 'home_visit',
      recommended_disposition: 'home_visit',
      created_by: user.id,
    };
    const [c1] = await db.query('calls').insert(call).returning('id');
    const [c2] = await db.query('calls').insert(call).returning('id');
    await db
      .query('assignments')
      .insert({ call_id: c1.id, unit_id: unit.id, disposition: 'home_visit' });
    await expect(
      db
        .query('assignments')
        .insert({ call_id: c2.id, unit_id: unit.id, disposition: 'home_visit' }),
    ).rejects.toThrow(/assignments_one_active_per_unit/);
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('the statement timeout (postgres)', () => {
  it('cancels a statement that runs too long, answered as 503 query_timeout', async () => {
    const database = await createTestDatabase('postgres');
    const db = openDatabase({ url: database.url, statementTimeoutMs: 200 });
    try {
      const failure = await db.query.raw('select pg_sleep(3)').then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(isStatementTimeout(failure)).toBe(true);
      expect(toAppError(failure)).toMatchObject({ status: 503, code: 'query_timeout' });
      // Short statements still run, on the same pool.
      expect(await db.ping()).toBe(true);
    } finally {
      await db.close();
      await database.dispose();
    }
  });
});

describe.each(testDialects)('a test database from the migrated template (%s)', (dialect) => {
  it('has every current migration, in order, and nothing left to run', async () => {
    const database = await createTestDatabase(dialect);
    const db = database.open();
    try {
      await db.ready();
      const names = (await db.query('knex_migrations').orderBy('id').pluck('name')) as string[];
      expect(names).toEqual(currentMigrationNames());
      expect(await migrateToLatest(db)).toEqual([]);
    } finally {
      await db.close();
      await database.dispose();
    }
  });
});
