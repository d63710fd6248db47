import type { Knex } from 'knex';

// Dated migrations are never edited once landed: add a new file instead.
// See server/db/migrations/README.md.

export async function up(knex: Knex): Promise<void> {
  // A partner's own system signs in with a token an admin issued for one of the
  // site's staff: a session that only the FHIR API accepts, with a name saying
  // which system holds it. Revoked, listed and ended like any other session.
  await knex.schema.alterTable('sessions', (t) => {
    t.text('scope');
    t.text('label');
  });
  await knex.raw(`alter table sessions add constraint sessions_scope_check
    check (scope is null or scope = 'fhir')`);
  await knex.raw(`alter table sessions add constraint sessions_label_check
    check ((scope is null) = (label is null) and (label is null or length(label) between 1 and 80))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex('sessions').whereNotNull('scope').delete();
  await knex.schema.alterTable('sessions', (t) => {
    t.dropColumn('label');
    t.dropColumn('scope');
  });
}
