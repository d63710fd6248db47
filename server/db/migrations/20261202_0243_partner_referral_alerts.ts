import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // A receiving site declining a referral is an alert the dispatcher must acknowledge:
  // the patient needs another destination (the proposal rides in the message).
  await knex.raw(`alter table alerts drop constraint alerts_kind_check`);
  await knex.raw(`alter table alerts add constraint alerts_kind_check
    check (kind in ('escalation','declined','expired','no_unit','referral_rejected'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('alerts').where({ kind: 'referral_rejected' }).delete();
  await knex.raw(`alter table alerts drop constraint alerts_kind_check`);
  await knex.raw(`alter table alerts add constraint alerts_kind_check
    check (kind in ('escalation','declined','expired','no_unit'))`);
}
