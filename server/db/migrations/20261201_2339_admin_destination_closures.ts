import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // A site closed for a while outside its weekly hours (a holiday, a burst pipe, a
  // staff shortage): matching skips it for the whole span, whatever its hours say.
  await knex.schema.createTable('destination_closures', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('destination_id')
      .notNullable()
      .references('destinations.id')
      .onDelete('CASCADE')
      .index();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.text('reason').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table destination_closures add constraint destination_closures_span_check
    check (ends_at > starts_at)`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('destination_closures');
}
