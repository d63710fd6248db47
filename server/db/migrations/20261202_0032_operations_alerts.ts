import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // What a dispatcher must not miss: kept until acknowledged, so a reload or another
  // process still shows it.
  await knex.schema.createTable('alerts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('kind').notNullable();
    t.uuid('call_id').notNullable().references('calls.id').onDelete('CASCADE').index();
    t.uuid('unit_id').references('units.id');
    t.text('message').notNullable();
    t.timestamp('raised_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('acknowledged_at', { useTz: true });
    t.uuid('acknowledged_by').references('users.id');
  });
  await knex.raw(`alter table alerts add constraint alerts_kind_check
    check (kind in ('escalation','declined','expired','no_unit'))`);
  // The open alerts are what every console loads.
  await knex.raw(`create index alerts_open on alerts (raised_at) where acknowledged_at is null`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('alerts');
}
