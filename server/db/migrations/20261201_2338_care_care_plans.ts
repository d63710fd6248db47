import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

const pathways = `('crisis_centre','cp_clinic','home_visit','emergency_department')`;

export async function up(knex: Knex): Promise<void> {
  // A care plan is a list of versions: every change adds a row, none is updated
  // or deleted, so what a dispatcher was shown at any time can be read back.
  await knex.schema.createTable('care_plans', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('patient_key').notNullable();
    t.integer('version').notNullable();
    t.text('coordinator_name').notNullable();
    t.text('coordinator_phone');
    t.uuid('coordinator_site_id').references('destinations.id').index();
    t.text('what_helps').notNullable().defaultTo('');
    t.text('what_to_avoid').notNullable().defaultTo('');
    t.text('safety_notes').notNullable().defaultTo('');
    t.text('preferred_pathway');
    t.uuid('known_paramedic_id').references('users.id').index();
    t.uuid('written_by').notNullable().references('users.id').index();
    t.text('written_role').notNullable();
    t.timestamp('written_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    // Two writers racing for the same next version: one wins, the other gets 409.
    t.unique(['patient_key', 'version']);
  });
  await knex.raw(`alter table care_plans add constraint care_plans_version_check
    check (version >= 1)`);
  await knex.raw(`alter table care_plans add constraint care_plans_pathway_check
    check (preferred_pathway is null or preferred_pathway in ${pathways})`);
  await knex.raw(`
    create function care_plans_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'care_plans is append-only: write a new version (% refused)', tg_op;
    end $$`);
  await knex.raw(`create trigger care_plans_no_update_or_delete
    before update or delete on care_plans
    for each row execute function care_plans_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists care_plans_no_update_or_delete on care_plans');
  await knex.raw('drop function if exists care_plans_append_only()');
  await knex.schema.dropTableIfExists('care_plans');
}
