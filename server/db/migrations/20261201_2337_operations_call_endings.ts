import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

const cancelReasons = [
  'caller_cancelled',
  'duplicate',
  'no_patient_found',
  'handled_by_phone',
  'other',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');

export async function up(knex: Knex): Promise<void> {
  // A call can end without a CP unit: handed to ambulance dispatch (an emergency), or cancelled.
  await knex.raw(`alter table calls drop constraint calls_status_check`);
  await knex.raw(`alter table calls add constraint calls_status_check
    check (status in ('pending','offered','active','completed','cancelled','handed_off'))`);
  await knex.schema.alterTable('calls', (t) => {
    t.timestamp('handed_off_at', { useTz: true });
    t.uuid('handed_off_by').references('users.id');
    // Ambulance dispatch's own incident number, when the dispatcher has one.
    t.text('handoff_reference');
    t.timestamp('cancelled_at', { useTz: true });
    t.uuid('cancelled_by').references('users.id');
    t.text('cancel_reason');
    // The dispatcher's words: dispatchers and admins only, like override reasons.
    t.text('cancel_details');
  });
  await knex.raw(`alter table calls add constraint calls_cancel_reason_check
    check (cancel_reason is null or cancel_reason in (${list(cancelReasons)}))`);
  await knex.raw(`alter table calls add constraint calls_handoff_reference_length
    check (handoff_reference is null or length(handoff_reference) <= 100)`);
  // The assignment withdrawn from a unit: when, so the timeline and the unit's board agree.
  await knex.schema.alterTable('assignments', (t) => {
    t.timestamp('cancelled_at', { useTz: true });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`update calls set status = 'cancelled' where status = 'handed_off'`);
  await knex.raw(`alter table calls drop constraint calls_status_check`);
  await knex.raw(`alter table calls add constraint calls_status_check
    check (status in ('pending','offered','active','completed','cancelled'))`);
  await knex.schema.alterTable('calls', (t) => {
    t.dropColumn('handed_off_at');
    t.dropColumn('handed_off_by');
    t.dropColumn('handoff_reference');
    t.dropColumn('cancelled_at');
    t.dropColumn('cancelled_by');
    t.dropColumn('cancel_reason');
    t.dropColumn('cancel_details');
  });
  await knex.schema.alterTable('assignments', (t) => t.dropColumn('cancelled_at'));
}
