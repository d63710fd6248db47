import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // What-if replays run in the background; a lead polls the job for progress and the report.
  await knex.schema.createTable('replay_jobs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('requested_by').references('users.id').index();
    t.text('status').notNullable().defaultTo('queued').index();
    t.integer('processed').notNullable().defaultTo(0);
    t.integer('total').notNullable().defaultTo(0);
    t.jsonb('params').notNullable().defaultTo('{}');
    t.jsonb('result');
    t.text('error');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('started_at', { useTz: true });
    t.timestamp('finished_at', { useTz: true });
  });
  await knex.raw(`alter table replay_jobs add constraint replay_jobs_status_check
    check (status in ('queued','running','completed','failed'))`);
  // Replay reads calls in keyset order (received_at, id); this index makes each batch a
  // straight index range scan instead of a sort.
  await knex.raw('create index calls_received_at_id_idx on calls (received_at, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists calls_received_at_id_idx');
  await knex.schema.dropTableIfExists('replay_jobs');
}
