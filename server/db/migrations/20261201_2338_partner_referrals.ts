import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');
const statuses = ['requested', 'accepted', 'rejected', 'in-progress', 'completed', 'cancelled'];
const rejectReasons = [
  'at_capacity',
  'not_eligible',
  'medical_needs',
  'intoxicated',
  'safety_risk',
  'closing',
  'known_to_service',
  'other',
];
const outcomes = ['discharged_home', 'crisis_bed', 'referred_on', 'left_before_seen', 'sent_to_ed'];

export async function up(knex: Knex): Promise<void> {
  // A call sent to a receiving site, as a FHIR R4 Task the site owns.
  await knex.schema.createTable('referrals', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('call_id').notNullable().references('calls.id').onDelete('CASCADE').index();
    t.uuid('destination_id').notNullable().references('destinations.id').index();
    t.text('status').notNullable().defaultTo('requested').index();
    t.uuid('requested_by').references('users.id');
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now()).index();
    t.timestamp('accepted_at', { useTz: true });
    t.timestamp('rejected_at', { useTz: true });
    // When the crew arrived with the patient, and when the site took over care
    // (in-progress): the handover, as ED offload time is measured.
    t.timestamp('arrived_at', { useTz: true });
    t.timestamp('in_progress_at', { useTz: true });
    t.timestamp('completed_at', { useTz: true });
    t.timestamp('cancelled_at', { useTz: true });
    t.text('reject_reason');
    // Free text (may name people): the site and dispatch only, never leads.
    t.text('reject_text');
    t.text('cancel_reason');
    t.text('outcome');
    // After a rejection: the next eligible site, or the ED, for the dispatcher.
    t.text('proposed_disposition');
    t.uuid('proposed_destination_id').references('destinations.id');
    t.text('proposal_reason');
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`alter table referrals add constraint referrals_status_check
    check (status in (${list(statuses)}))`);
  await knex.raw(`alter table referrals add constraint referrals_reject_reason_check
    check (reject_reason in (${list(rejectReasons)}))`);
  await knex.raw(`alter table referrals add constraint referrals_outcome_check
    check (outcome in (${list(outcomes)}))`);
  await knex.raw(`alter table referrals add constraint referrals_rejected_has_reason_check
    check (status <> 'rejected' or reject_reason is not null)`);
  await knex.raw(`alter table referrals add constraint referrals_completed_has_outcome_check
    check (status <> 'completed' or outcome is not null)`);
  // One open referral per call: a second dispatch cannot double-book a site.
  await knex.raw(`create unique index referrals_one_open_per_call
    on referrals (call_id) where status in ('requested','accepted','in-progress')`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('referrals');
}
