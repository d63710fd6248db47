import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // Staff of a receiving site (crisis centre, CP@clinic) are bound to that site,
  // as a paramedic is to a unit: what they see and change is their site's only.
  await knex.schema.alterTable('users', (t) => {
    t.uuid('destination_id').references('destinations.id').onDelete('SET NULL').index();
  });
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw(`alter table users add constraint users_role_check
    check (role in ('dispatcher','paramedic','lead','admin','partner'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('users').where({ role: 'partner' }).delete();
  await knex.raw('alter table users drop constraint users_role_check');
  await knex.raw(`alter table users add constraint users_role_check
    check (role in ('dispatcher','paramedic','lead','admin'))`);
  await knex.schema.alterTable('users', (t) => t.dropColumn('destination_id'));
}
