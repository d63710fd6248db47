import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

/**
 * Triage contract version 2: a decision carries `checks`, what must be confirmed on scene
 * (the crisis centre's medical clearance). Earlier decisions had none.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('triage_decisions', (t) => {
    t.jsonb('checks').notNullable().defaultTo('[]');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('triage_decisions', (t) => {
    t.dropColumn('checks');
  });
}
