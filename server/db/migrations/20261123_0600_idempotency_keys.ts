import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // One row per (user, Idempotency-Key). The primary key is what makes a
  // concurrent repeat lose the claim instead of running the request twice.
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.text('key').notNullable();
    // sha256 of method, path and canonical JSON body: "same request" means same fingerprint.
    t.text('fingerprint').notNullable();
    t.text('state').notNullable().defaultTo('in_progress');
    t.smallint('response_status');
    // The answer exactly as sent (text, not jsonb, so a replay is byte-identical).
    t.text('response_body');
    // Who holds the claim: completing or releasing checks it, so a request whose
    // abandoned claim was taken over cannot overwrite the new holder's answer.
    t.uuid('claim_id').notNullable();
    t.timestamp('claimed_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('expires_at', { useTz: true }).notNullable().index();
    t.primary(['user_id', 'key']);
  });
  await knex.raw(`alter table idempotency_keys add constraint idempotency_keys_state_check
    check (state in ('in_progress','completed')
      and (state = 'in_progress' or (response_status is not null and response_body is not null)))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('idempotency_keys');
}
