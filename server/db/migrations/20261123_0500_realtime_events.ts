import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Every pushed event, numbered per room, so a client that reconnects (to any
  // server process) can ask for what it missed since the last number it saw.
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
  // Used by @socket.io/postgres-adapter for payloads too large for NOTIFY.
  await knex.raw(`create table if not exists socket_io_attachments (
    id bigserial unique,
    created_at timestamptz default now(),
    payload bytea
  )`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('socket_io_attachments');
  await knex.schema.dropTableIfExists('realtime_events');
  await knex.schema.dropTableIfExists('room_sequences');
}
