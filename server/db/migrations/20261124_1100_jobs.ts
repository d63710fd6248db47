import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // Periodic work shared by every process (offer sweep, purges): a row per job,
  // claimed by one process at a time with a lease, so runs never overlap and a
  // process that died mid-run only delays the next run by the rest of its lease.
  await knex.schema.createTable('job_schedules', (t) => {
    t.text('name').primary();
    t.timestamp('next_run_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('locked_by');
    t.timestamp('lease_until', { useTz: true });
    t.timestamp('last_started_at', { useTz: true });
    t.timestamp('last_finished_at', { useTz: true });
    t.text('last_error');
  });
  // Replays become durable jobs: what to run (the candidate rule files), who runs it
  // (locked_by) until when (lease_until, extended by a heartbeat), and how often it was tried.
  await knex.schema.alterTable('replay_jobs', (t) => {
    t.jsonb('candidate');
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('locked_by');
    t.timestamp('lease_until', { useTz: true });
  });
  // Rows from before this migration have no candidate: claimed, they fail with a reason.
  await knex.raw('create index replay_jobs_queue_idx on replay_jobs (status, created_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists replay_jobs_queue_idx');
  await knex.schema.alterTable('replay_jobs', (t) => {
    t.dropColumn('candidate');
    t.dropColumn('attempts');
    t.dropColumn('locked_by');
    t.dropColumn('lease_until');
  });
  await knex.schema.dropTableIfExists('job_schedules');
}
