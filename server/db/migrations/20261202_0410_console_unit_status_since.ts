import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // "Available for 40 min", "offered 2 min ago" on the dispatcher's unit board. A trigger
  // keeps it, so every path that changes a unit's status (offer, step, expiry, end of a call)
  // moves it, and nothing else (an admin's edit, a position) does.
  await knex.schema.alterTable('units', (t) => {
    t.timestamp('status_changed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    create function units_status_changed() returns trigger language plpgsql as $$
    begin
      if new.status is distinct from old.status then
        new.status_changed_at := now();
      end if;
      return new;
    end $$`);
  await knex.raw(`create trigger units_status_changed before update on units
    for each row execute function units_status_changed()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger units_status_changed on units');
  await knex.raw('drop function units_status_changed()');
  await knex.schema.alterTable('units', (t) => t.dropColumn('status_changed_at'));
}
