import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import {
  activeAssignmentStatuses,
  assignmentProgress,
  assignmentStatuses,
  assignmentTransitions,
  crewSteps,
} from '../../shared/assignments.js';
import { callStatuses } from '../../shared/call-lifecycle.js';
import { referralStatuses } from '../../shared/referrals.js';
import { unitStatuses } from '../../shared/units.js';
import { visitStatuses } from '../../shared/visits.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';

// Migrations are never edited once landed, so they spell their lists out. The database
// must still hold exactly the vocabulary server and client run (shared/): a status added
// to shared/ without a migration, or the other way round, fails here, on both databases.

/** The quoted values of a constraint's or index's definition, in order. */
const quoted = (definition: string): string[] =>
  [...definition.matchAll(/'([^']*)'/g)].map((match) => match[1] ?? '');

describe.each(testDialects)('the database holds the shared vocabulary (%s)', (dialect) => {
  let database: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    db = database.open();
    await db.ready();
    await migrateToLatest(db);
  });
  afterAll(async () => {
    await db?.close();
    await database?.dispose();
  });

  async function checkValues(constraint: string): Promise<string[]> {
    const row = (await db
      .query('pg_constraint')
      .where({ conname: constraint, contype: 'c' })
      .first(db.query.raw('pg_get_constraintdef(oid) as definition'))) as
      { definition: string } | undefined;
    if (!row) throw new Error(`no CHECK constraint named ${constraint}`);
    return quoted(row.definition);
  }

  it.each([
    ['assignments_status_check', assignmentStatuses],
    ['calls_status_check', callStatuses],
    ['units_status_check', unitStatuses],
    ['referrals_status_check', referralStatuses],
    ['planned_visits_status_check', visitStatuses],
  ] as const)('%s allows exactly the shared statuses', async (constraint, statuses) => {
    expect((await checkValues(constraint)).sort()).toEqual([...statuses].sort());
  });

  it('allows one active assignment per unit, "active" as shared/ says', async () => {
    const index = (await db
      .query('pg_indexes')
      .where({ indexname: 'assignments_one_active_per_unit' })
      .first('indexdef')) as { indexdef: string } | undefined;
    expect(index?.indexdef).toMatch(/^CREATE UNIQUE INDEX/);
    expect(quoted(index?.indexdef ?? '').sort()).toEqual([...activeAssignmentStatuses].sort());
  });
});

describe('the assignment lifecycle table', () => {
  it('lets a crew ask for exactly the statuses some step reaches', () => {
    const reached = new Set(Object.values(assignmentTransitions).flat());
    expect([...crewSteps].sort()).toEqual([...reached].sort());
  });

  it('moves forward only: each step is later in a visit than where it starts', () => {
    const order: readonly string[] = assignmentProgress;
    for (const [from, steps] of Object.entries(assignmentTransitions))
      for (const to of steps)
        if (order.includes(from) && order.includes(to))
          expect(order.indexOf(to)).toBeGreaterThan(order.indexOf(from));
  });

  it('leaves no active status without a way on, and no ended status with one', () => {
    const active: readonly string[] = activeAssignmentStatuses;
    for (const status of assignmentStatuses)
      expect(assignmentTransitions[status].length > 0).toBe(active.includes(status));
  });
});
