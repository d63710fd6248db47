import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // A new call asks, for each unit, whether a waiting call at least as urgent already holds
  // it (server/calls/call-repository.ts, unitsHeldByWaitingCalls). Only pending calls are in
  // this index, so the question costs a probe per unit, not a walk through the queue or
  // through each unit's years of finished calls.
  await knex.raw(
    `create index calls_waiting_by_proposed_unit on calls (proposed_unit_id)
       where status = 'pending' and proposed_unit_id is not null`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index calls_waiting_by_proposed_unit');
}
