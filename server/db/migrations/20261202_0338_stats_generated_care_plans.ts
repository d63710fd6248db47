import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // seed:history writes care plans for generated frequent callers; `--reset` must take them
  // away again. Recorded plans stay append-only: only a generated version may be deleted.
  await knex.schema.alterTable('care_plans', (t) => {
    t.boolean('generated').notNullable().defaultTo(false);
  });
  await knex.raw(`
    create or replace function care_plans_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and old.generated then
        return old;
      end if;
      raise exception 'care_plans is append-only: write a new version (% refused)', tg_op;
    end $$`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    create or replace function care_plans_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'care_plans is append-only: write a new version (% refused)', tg_op;
    end $$`);
  await knex.schema.alterTable('care_plans', (t) => {
    t.dropColumn('generated');
  });
}
