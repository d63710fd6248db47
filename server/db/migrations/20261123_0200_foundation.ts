import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

const activeAssignmentStatuses = `('offered','accepted','en_route','on_scene','transporting')`;

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('units', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('call_sign').notNullable().unique();
    t.specificType('skills', 'text[]').notNullable().defaultTo('{}');
    t.text('status').notNullable().defaultTo('available').index();
    t.timestamp('shift_starts_at', { useTz: true });
    t.timestamp('shift_ends_at', { useTz: true });
    t.text('home_base').notNullable();
    t.double('home_lat').notNullable();
    t.double('home_lng').notNullable();
    t.double('last_lat');
    t.double('last_lng');
    t.timestamp('last_position_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table units add constraint units_status_check
    check (status in ('available','offered','assigned','off_shift','out_of_service'))`);
  await knex.raw(`alter table units add constraint units_position_check
    check (home_lat between -90 and 90 and home_lng between -180 and 180
      and (last_lat is null or last_lat between -90 and 90)
      and (last_lng is null or last_lng between -180 and 180))`);

  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('email').notNullable().unique();
    t.text('password_hash').notNullable();
    t.text('role').notNullable();
    t.uuid('unit_id').references('units.id').onDelete('SET NULL').index();
    t.boolean('active').notNullable().defaultTo(true);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table users add constraint users_role_check
    check (role in ('dispatcher','paramedic','lead','admin'))`);
  await knex.raw(
    `alter table users add constraint users_email_lower_check check (email = lower(email))`,
  );

  await knex.schema.createTable('sessions', (t) => {
    // sha256 of the bearer token: a stolen database cannot be replayed as sessions.
    t.text('token_hash').primary();
    t.uuid('id').notNullable().unique().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE').index();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable();
    t.timestamp('revoked_at', { useTz: true });
    t.text('ip');
    t.text('user_agent');
  });

  await knex.schema.createTable('destinations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.text('type').notNullable().index();
    t.text('address').notNullable();
    t.text('building');
    t.double('lat').notNullable();
    t.double('lng').notNullable();
    t.smallint('min_age').notNullable().defaultTo(0);
    t.smallint('max_age');
    t.text('capacity').notNullable().defaultTo('green');
    t.boolean('active').notNullable().defaultTo(true);
    t.text('phone');
    t.timestamp('capacity_updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table destinations add constraint destinations_type_check
    check (type in ('emergency_department','crisis_centre','cp_clinic'))`);
  await knex.raw(`alter table destinations add constraint destinations_capacity_check
    check (capacity in ('green','amber','red'))`);
  await knex.raw(`alter table destinations add constraint destinations_position_check
    check (lat between -90 and 90 and lng between -180 and 180)`);
  await knex.raw(`alter table destinations add constraint destinations_age_check
    check (min_age >= 0 and (max_age is null or max_age >= min_age))`);

  // Weekly opening hours in the service area's time zone. A span whose
  // closes_at is not after opens_at runs past midnight into the next day;
  // 00:00-24:00 is open all day.
  await knex.schema.createTable('destination_hours', (t) => {
    t.uuid('destination_id').notNullable().references('destinations.id').onDelete('CASCADE');
    t.smallint('weekday').notNullable(); // 0 = Sunday … 6 = Saturday
    t.time('opens_at').notNullable();
    t.time('closes_at').notNullable();
    t.primary(['destination_id', 'weekday', 'opens_at']);
  });
  await knex.raw(`alter table destination_hours add constraint destination_hours_weekday_check
    check (weekday between 0 and 6)`);

  await knex.schema.createTable('calls', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.timestamp('received_at', { useTz: true }).notNullable().index();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.uuid('created_by').references('users.id').index();
    t.text('status').notNullable().defaultTo('pending').index();
    t.double('lat');
    t.double('lng');
    t.text('address');
    t.smallint('patient_age').notNullable();
    t.text('patient_sex').notNullable().defaultTo('unknown');
    t.text('patient_key').index();
    t.text('complaint').notNullable().index();
    t.jsonb('answers').notNullable().defaultTo('{}');
    t.jsonb('vitals').notNullable().defaultTo('{}');
    t.text('notes');
    t.boolean('escalated').notNullable().defaultTo(false);
    // The call exactly as validated, so a candidate rule set can re-decide it.
    t.jsonb('input').notNullable();
    // The pathway being served: the recommendation, or the dispatcher's override.
    t.text('disposition').notNullable();
    t.text('recommended_disposition').notNullable();
    t.uuid('destination_id').references('destinations.id').index();
    t.text('destination_reason');
    t.double('destination_distance_km');
    t.uuid('proposed_unit_id').references('units.id').index();
    t.double('proposed_unit_distance_km');
    t.smallint('proposed_eta_minutes');
    t.timestamp('first_dispatched_at', { useTz: true });
  });
  await knex.raw(`alter table calls add constraint calls_status_check
    check (status in ('pending','offered','active','completed','cancelled'))`);

  // A site that failed on one criterion only: what leads look at when deciding
  // whether hours or capacity should change.
  await knex.schema.createTable('destination_near_misses', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('call_id').notNullable().references('calls.id').onDelete('CASCADE').index();
    t.uuid('destination_id').notNullable().references('destinations.id').index();
    t.text('failed_criterion').notNullable();
    t.timestamp('recorded_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('triage_decisions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('call_id').notNullable().references('calls.id').onDelete('CASCADE').index();
    t.text('stage').notNullable().defaultTo('intake'); // intake | assessment
    t.text('disposition').notNullable().index();
    t.text('acuity').notNullable();
    t.jsonb('reasons').notNullable();
    t.specificType('missing', 'text[]').notNullable().defaultTo('{}');
    t.smallint('news2_score');
    t.jsonb('news2');
    // An on-scene re-triage's own input (the call with the assessed vitals and
    // answers); the intake decision's input is the call's own `input`.
    t.jsonb('input');
    t.text('rule_set_version').notNullable();
    t.uuid('decided_by').references('users.id');
    t.timestamp('decided_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('assignments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('call_id').notNullable().references('calls.id').onDelete('CASCADE').index();
    t.uuid('unit_id').notNullable().references('units.id').index();
    t.uuid('destination_id').references('destinations.id').index();
    t.text('disposition').notNullable();
    t.text('status').notNullable().defaultTo('offered').index();
    t.boolean('overridden').notNullable().defaultTo(false);
    t.text('override_reason');
    t.text('decline_reason');
    t.text('outcome');
    t.uuid('dispatched_by').references('users.id');
    t.timestamp('offered_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('accepted_at', { useTz: true });
    t.timestamp('declined_at', { useTz: true });
    t.timestamp('en_route_at', { useTz: true });
    t.timestamp('on_scene_at', { useTz: true });
    t.timestamp('transporting_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true }).index();
  });
  await knex.raw(`alter table assignments add constraint assignments_status_check
    check (status in ('offered','accepted','declined','expired','en_route','on_scene',
      'transporting','completed','cancelled'))`);
  // One active assignment per unit, enforced by the database: two dispatchers
  // racing for a unit get one success and one unique violation.
  await knex.raw(`create unique index assignments_one_active_per_unit
    on assignments (unit_id) where status in ${activeAssignmentStatuses}`);

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id').primary();
    t.timestamp('at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).index();
    t.uuid('actor_id').index();
    t.text('actor_role');
    t.text('action').notNullable().index();
    t.text('entity_type');
    t.text('entity_id');
    t.text('ip');
    t.jsonb('details').notNullable().defaultTo('{}');
    t.index(['entity_type', 'entity_id']);
  });
  // Append-only: the table refuses UPDATE and DELETE whoever asks.
  await knex.raw(`
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only (% refused)', tg_op;
    end $$`);
  await knex.raw(`create trigger audit_log_no_update_or_delete
    before update or delete on audit_log
    for each row execute function audit_log_append_only()`);
  await knex.raw(`create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_append_only()`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop trigger if exists audit_log_no_truncate on audit_log');
  await knex.raw('drop trigger if exists audit_log_no_update_or_delete on audit_log');
  await knex.raw('drop function if exists audit_log_append_only()');
  for (const table of [
    'audit_log',
    'assignments',
    'destination_near_misses',
    'triage_decisions',
    'calls',
    'destination_hours',
    'destinations',
    'sessions',
    'users',
    'units',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
}
