import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // A community paramedic's scheduled home visit to a frequent caller: proactive
  // care, booked ahead, on the dispatcher's board until it is done or cancelled.
  await knex.schema.createTable('planned_visits', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('patient_key').notNullable().index();
    t.timestamp('planned_for', { useTz: true }).notNullable().index();
    t.uuid('unit_id').references('units.id').index();
    t.text('status').notNullable().defaultTo('planned').index();
    // Where the patient was last seen by the service: the visit's address.
    t.double('lat').notNullable();
    t.double('lng').notNullable();
    t.text('address');
    t.smallint('patient_age').notNullable();
    t.text('patient_sex').notNullable();
    t.uuid('booked_by').notNullable().references('users.id').index();
    t.text('booked_role').notNullable();
    t.timestamp('booked_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table planned_visits add constraint planned_visits_status_check
    check (status in ('planned','completed','cancelled'))`);
  await knex.raw(`alter table planned_visits add constraint planned_visits_position_check
    check (lat between -90 and 90 and lng between -180 and 180)`);
  // The frequent-caller list and the before/after figures read each patient's calls by time.
  await knex.raw(`create index if not exists care_plans_first_version
    on care_plans (patient_key, written_at) where version = 1`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists care_plans_first_version');
  await knex.schema.dropTableIfExists('planned_visits');
}
