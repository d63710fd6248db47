import type { Knex } from 'knex';

// Statistics over a year of calls (a million rows) must answer in well under a
// second, so each figure is read from one narrow covering index instead of a
// join. The few call facts an attendance is judged by are copied onto the
// assignment by a trigger when it is created (they never change afterwards),
// and each completed attendance keeps its patient's next call after completion
// (`recontact_at`), kept current by triggers whichever of the two rows is
// written last. Triggers, not application code, so that every writer (the
// dispatch services, the history generator, a manual fix) keeps them right.

export async function up(knex: Knex): Promise<void> {
  // Generated history is marked so that `seed:history --reset` removes only it.
  await knex.raw(`alter table calls add column source text not null default 'dispatch'`);
  await knex.raw(
    `alter table calls add constraint calls_source_check check (source in ('dispatch','generated'))`,
  );

  await knex.raw(`alter table assignments
    add column call_received_at timestamptz,
    add column call_recommended_disposition text,
    add column call_patient_key text,
    add column recontact_at timestamptz`);
  await knex.raw(`update assignments a
    set call_received_at = c.received_at,
        call_recommended_disposition = c.recommended_disposition,
        call_patient_key = c.patient_key
    from calls c where c.id = a.call_id`);
  await knex.raw(`update assignments a
    set recontact_at = (select min(c.received_at) from calls c
                        where c.patient_key = a.call_patient_key and c.received_at > a.completed_at)
    where a.status = 'completed' and a.call_patient_key is not null and a.completed_at is not null`);
  await knex.raw(`alter table assignments
    alter column call_received_at set not null,
    alter column call_recommended_disposition set not null`);

  await knex.raw(`
    create function assignments_stats_fill() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        select received_at, recommended_disposition, patient_key
          into new.call_received_at, new.call_recommended_disposition, new.call_patient_key
          from calls where id = new.call_id;
      end if;
      if new.status = 'completed' and new.completed_at is not null and new.call_patient_key is not null
         and (tg_op = 'INSERT' or old.completed_at is distinct from new.completed_at) then
        new.recontact_at := (select min(received_at) from calls
                             where patient_key = new.call_patient_key and received_at > new.completed_at);
      end if;
      return new;
    end $$`);
  await knex.raw(`create trigger assignments_stats_fill
    before insert or update of status, completed_at on assignments
    for each row execute function assignments_stats_fill()`);

  // New calls of known patients are the re-contact of their earlier attendances
  // that have none yet, or only a later one (a call may be entered late). Once
  // per statement over the inserted rows, so a bulk load of 2,000 calls is one
  // pass; LATERAL keeps each look-up on its small partial index whatever the
  // (often stale, mid-load) planner statistics say.
  await knex.raw(`
    create function calls_stats_recontact() returns trigger language plpgsql as $$
    declare
      found record;
    begin
      for found in
        select prior.id, min(i.received_at) as first_call
          from inserted i
          cross join lateral (
            select p.id from assignments p
             where p.call_patient_key = i.patient_key and p.status = 'completed'
               and p.recontact_at is null and p.completed_at < i.received_at
            union all
            select p.id from assignments p
             where p.call_patient_key = i.patient_key and p.status = 'completed'
               and p.recontact_at > i.received_at and p.completed_at < i.received_at
          ) prior
         where i.patient_key is not null
         group by prior.id
      loop
        update assignments set recontact_at = found.first_call
         where id = found.id and (recontact_at is null or recontact_at > found.first_call);
      end loop;
      return null;
    end $$`);
  await knex.raw(`create trigger calls_stats_recontact
    after insert on calls referencing new table as inserted
    for each statement execute function calls_stats_recontact()`);

  // Monthly roll-ups: a year's summary reads a few thousand pre-aggregated rows
  // for its whole months and scans only the partial months at its ends. Rows are
  // exactly what the live aggregate queries return, per local month and
  // recommended pathway, for one service time zone. Any write to a call or an
  // assignment marks its (UTC) day dirty; the next read rebuilds the months
  // those days touch before using them, so a roll-up is never stale when read.
  await knex.raw(`create table stats_rollup_months (
    time_zone text not null, month date not null, built_at timestamptz not null default now(),
    primary key (time_zone, month))`);
  await knex.raw(`create table stats_rollup_calls (
    time_zone text not null, month date not null, pathway text not null, bin int,
    calls int not null, within60 int not null)`);
  await knex.raw('create index stats_rollup_calls_month on stats_rollup_calls (time_zone, month)');
  await knex.raw(`create table stats_rollup_attendances (
    time_zone text not null, month date not null, pathway text not null, kind text not null,
    disposition text, outcome text, bin int, attendances int not null, dispatches int not null,
    overrides int not null, linkable int not null, recontacted int not null, missed int not null)`);
  await knex.raw(
    'create index stats_rollup_attendances_month on stats_rollup_attendances (time_zone, month)',
  );
  await knex.raw('create table stats_dirty_days (day date primary key)');
  for (const [table, column] of [
    ['calls', 'received_at'],
    ['assignments', 'call_received_at'],
  ] as const) {
    for (const [event, rows] of [
      ['insert', 'new'],
      ['update', 'new'],
      ['delete', 'old'],
    ] as const) {
      const name = `${table}_stats_dirty_on_${event}`;
      await knex.raw(`create function ${name}() returns trigger language plpgsql as $$
        begin
          insert into stats_dirty_days (day)
            select distinct (${column} at time zone 'UTC')::date from changed
            on conflict do nothing;
          return null;
        end $$`);
      await knex.raw(`create trigger ${name} after ${event} on ${table}
        referencing ${rows} table as changed for each statement execute function ${name}()`);
    }
  }

  // Covering indexes: a year's summary is two index-only range scans.
  await knex.raw(`create index calls_stats_by_received on calls (received_at)
    include (recommended_disposition, first_dispatched_at)`);
  await knex.raw(`create index assignments_stats_by_call_received on assignments (call_received_at)
    include (call_recommended_disposition, status, disposition, outcome, dispatched_by, overridden,
             offered_at, on_scene_at, completed_at, recontact_at, call_patient_key)`);
  // What the triggers look up.
  await knex.raw(`create index calls_patient_received on calls (patient_key, received_at)
    where patient_key is not null`);
  await knex.raw(`create index assignments_awaiting_recontact on assignments (call_patient_key, completed_at)
    where status = 'completed' and recontact_at is null`);
  await knex.raw(`create index assignments_recontacted on assignments (call_patient_key, recontact_at)
    where status = 'completed' and recontact_at is not null`);
  await knex.raw(`create index calls_generated on calls (received_at) where source = 'generated'`);
}

export async function down(knex: Knex): Promise<void> {
  for (const table of ['calls', 'assignments']) {
    for (const event of ['insert', 'update', 'delete']) {
      await knex.raw(`drop trigger if exists ${table}_stats_dirty_on_${event} on ${table}`);
      await knex.raw(`drop function if exists ${table}_stats_dirty_on_${event}()`);
    }
  }
  for (const table of [
    'stats_dirty_days',
    'stats_rollup_attendances',
    'stats_rollup_calls',
    'stats_rollup_months',
  ]) {
    await knex.schema.dropTableIfExists(table);
  }
  await knex.raw('drop trigger if exists calls_stats_recontact on calls');
  await knex.raw('drop function if exists calls_stats_recontact()');
  await knex.raw('drop trigger if exists assignments_stats_fill on assignments');
  await knex.raw('drop function if exists assignments_stats_fill()');
  for (const index of [
    'calls_generated',
    'assignments_recontacted',
    'assignments_awaiting_recontact',
    'calls_patient_received',
    'assignments_stats_by_call_received',
    'calls_stats_by_received',
  ]) {
    await knex.raw(`drop index if exists ${index}`);
  }
  await knex.raw(`alter table assignments
    drop column if exists recontact_at,
    drop column if exists call_patient_key,
    drop column if exists call_recommended_disposition,
    drop column if exists call_received_at`);
  await knex.raw('alter table calls drop constraint if exists calls_source_check');
  await knex.raw('alter table calls drop column if exists source');
}
