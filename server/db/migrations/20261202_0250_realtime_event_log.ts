import type { Knex } from 'knex';

/**
 * Events numbered by a sequence instead of a per-room counter row: the per-room
 * row lock made every publishing process wait for the others, and took a
 * transaction of its own per batch. An event now gets `id` from an identity
 * sequence and `tx`, the id of the transaction that wrote it. Ids are not in
 * commit order (a transaction can take a lower id and commit later), so readers
 * go by `tx` and the oldest transaction still open,
 * `pg_snapshot_xmin(pg_current_snapshot())`: every event with a lower `tx` is
 * already visible or never will be (see server/realtime/event-log-repository.ts).
 * The old log is catch-up history only: it is dropped, and clients reload their
 * state once, as after any resync.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.dropTable('realtime_events');
  await knex.schema.dropTable('room_sequences');
  await knex.raw(`create table realtime_events (
    id bigint generated always as identity primary key,
    tx xid8 not null default pg_current_xact_id(),
    room text not null,
    event text not null,
    payload jsonb not null,
    created_at timestamptz not null default now()
  )`);
  await knex.raw('create index realtime_events_room_tx on realtime_events (room, tx, id)');
  await knex.raw('create index realtime_events_tx on realtime_events (tx, id)');
  await knex.raw('create index realtime_events_created_at on realtime_events (created_at)');
  // The newest transaction whose events were purged: a client that last saw an
  // older horizon may have missed purged events and reloads instead.
  await knex.raw(`create table realtime_event_purges (
    only_row boolean primary key default true check (only_row),
    newest_purged_tx xid8 not null
  )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('realtime_event_purges');
  await knex.schema.dropTable('realtime_events');
  await knex.schema.createTable('room_sequences', (t) => {
    t.text('room').primary();
    t.bigInteger('last_seq').notNullable();
  });
  await knex.schema.createTable('realtime_events', (t) => {
    t.text('room').notNullable();
    t.bigInteger('seq').notNullable();
    t.text('event').notNullable();
    t.jsonb('payload').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).index();
    t.primary(['room', 'seq']);
  });
}
