import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // express-rate-limit's counters, shared by every process (one limit, not one per process).
  await knex.schema.createTable('rate_limit_counters', (t) => {
    t.text('key').primary();
    t.integer('hits').notNullable();
    t.timestamp('reset_at', { useTz: true }).notNullable().index();
  });
  // Failed sign-ins per (account, address) and per address: how long the next attempt waits.
  await knex.schema.createTable('sign_in_failures', (t) => {
    t.text('key').primary();
    t.integer('failures').notNullable();
    t.timestamp('last_failure_at', { useTz: true }).notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('sign_in_failures');
  await knex.schema.dropTableIfExists('rate_limit_counters');
}
