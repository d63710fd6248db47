import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../server/db/seed.js';
import type { Database } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import { generateHistory, type HistoryOptions } from '../../server/history/generate-history.js';
import {
  countGeneratedCalls,
  deleteGeneratedCalls,
} from '../../server/history/history-repository.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const options: HistoryOptions = {
  calls: 2_000,
  months: 3,
  seed: 42,
  endDate: '2031-06-01',
  timeZone: 'America/Toronto',
  roadSpeedKmh: 40,
  offerTimeoutS: 120,
  batchSize: 500,
};

/** What must come out the same for the same seed (ids are fresh uuids by design). */
async function fingerprint(db: Database) {
  const { rows } = await db.query.raw<{ rows: Array<Record<string, unknown>> }>(`
    select c.received_at, c.complaint, c.patient_key, c.patient_age, c.recommended_disposition, c.disposition,
           c.escalated, c.first_dispatched_at, a.status, a.outcome, a.overridden, a.completed_at
    from calls c left join assignments a on a.call_id = c.id
    where c.source = 'generated' order by c.received_at, a.offered_at, a.status`);
  const { rows: referrals } = await db.query.raw<{ rows: Array<Record<string, unknown>> }>(`
    select r.destination_id, r.status, r.requested_at, r.accepted_at, r.rejected_at, r.arrived_at,
           r.in_progress_at, r.completed_at, r.cancelled_at, r.reject_reason, r.outcome, r.proposed_disposition
    from referrals r join calls c on c.id = r.call_id
    where c.source = 'generated' order by r.requested_at, r.destination_id`);
  const { rows: plans } = await db.query.raw<{ rows: Array<Record<string, unknown>> }>(`
    select patient_key, version, written_at, preferred_pathway, written_role
    from care_plans where generated order by patient_key, version`);
  return { rows, referrals, plans };
}

describe('history generator (pglite)', () => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    db = database.open();
    await db.ready();
    await migrateToLatest(db);
    await seedDatabase(db, { demoAccounts: true, demoPassword: 'altpath-demo' });
  });
  afterAll(async () => {
    await db?.close();
    await database?.dispose();
  });

  it('is reproducible for a seed, and --reset removes only what it generated', async () => {
    const first = await generateHistory(db, options);
    expect(first.calls).toBe(options.calls);
    const before = await fingerprint(db);
    expect(before.referrals.length).toBe(first.referrals);
    expect(before.plans.length).toBe(first.carePlans);
    expect(first.referrals).toBeGreaterThan(0);
    expect(first.carePlans).toBeGreaterThan(0);
    expect(await deleteGeneratedCalls(db, () => {})).toBe(options.calls);
    expect(await countGeneratedCalls(db.query)).toBe(0);
    const left = await db.query.raw<{ rows: Array<{ referrals: number; plans: number }> }>(
      `select (select count(*) from referrals)::int as referrals,
              (select count(*) from care_plans where generated)::int as plans`,
    );
    expect(left.rows[0]).toEqual({ referrals: 0, plans: 0 });
    await generateHistory(db, options);
    expect(await fingerprint(db)).toEqual(before);
  });

  it('makes about a fifth of mental-health calls crisis-centre eligible, with plausible rates', async () => {
    const { rows } = await db.query.raw<{ rows: Array<Record<string, number>> }>(`
      select
        (avg((recommended_disposition = 'crisis_centre')::int) filter (where complaint = 'mental_health'))::float8 as mh_eligible,
        avg((first_dispatched_at - received_at <= interval '60 seconds')::int)::float8 as within60,
        avg(escalated::int)::float8 as escalated,
        count(distinct patient_key)::float / count(patient_key) as distinct_keys
      from calls where source = 'generated'`);
    const { rows: dispatches } = await db.query.raw<{ rows: Array<Record<string, number>> }>(`
      select (avg(overridden::int) filter (where dispatched_by is not null))::float8 as override_rate,
             (count(*) filter (where recontact_at <= completed_at + interval '72 hours' and outcome <> 'transported_ed'))::int as recontacts
      from assignments a join calls c on c.id = a.call_id where c.source = 'generated'`);
    const stats = { ...rows[0], ...dispatches[0] } as Record<string, number>;
    expect(stats.mh_eligible).toBeGreaterThan(0.13);
    expect(stats.mh_eligible).toBeLessThan(0.3);
    expect(stats.within60).toBeGreaterThan(0.8);
    expect(stats.within60).toBeLessThan(0.97);
    expect(stats.override_rate).toBeGreaterThan(0.02);
    expect(stats.override_rate).toBeLessThan(0.12);
    expect(stats.escalated).toBeGreaterThan(0);
    expect(stats.distinct_keys).toBeLessThan(1); // repeat callers exist
    expect(Number(stats.recontacts)).toBeGreaterThan(0);
  });
});
