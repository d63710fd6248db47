import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

const override = [
  'clinical_judgement',
  'patient_preference',
  'care_plan',
  'site_unavailable',
  'unit_better_placed',
  'skill_needed',
  'scene_safety',
  'other',
];
const decline = [
  'still_on_call',
  'vehicle_issue',
  'crew_unavailable',
  'out_of_area',
  'skill_mismatch',
  'scene_safety',
  'other',
];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(',');

export async function up(knex: Knex): Promise<void> {
  // The category of an override or decline reason: what leads see instead of the free text.
  await knex.schema.alterTable('assignments', (t) => {
    t.text('override_category');
    t.text('decline_category');
  });
  // Reasons typed before categories existed cannot be classified by a machine: "other".
  await knex.raw(
    `update assignments set override_category = 'other' where override_reason is not null`,
  );
  await knex.raw(
    `update assignments set decline_category = 'other' where decline_reason is not null`,
  );
  await knex.raw(`alter table assignments add constraint assignments_override_category_check
    check (override_category in (${list(override)}))`);
  await knex.raw(`alter table assignments add constraint assignments_decline_category_check
    check (decline_category in (${list(decline)}))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('assignments', (t) => {
    t.dropColumn('override_category');
    t.dropColumn('decline_category');
  });
}
