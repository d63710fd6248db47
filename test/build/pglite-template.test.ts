// The migrated PGlite database `npm run build` leaves for first starts: an
// empty DATA_DIR filled from it opens with nothing left to migrate; a template
// whose migrations are not the current list's first ones is not used; a
// directory that already holds a database is never overwritten.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pgliteTemplateDir } from '../../server/config/project-root.js';
import { openDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrate.js';
import {
  copyPgliteTemplate,
  currentMigrationNames,
  TEMPLATE_MANIFEST,
} from '../../server/db/pglite-template.js';
import { ensureClientBuilt } from '../support/browser.js';

const work = mkdtempSync(path.join(tmpdir(), 'altpath-template-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the PGlite template', () => {
  it('starts an empty data directory fully migrated', async () => {
    ensureClientBuilt(); // the build makes the template
    const dataDir = path.join(work, 'fresh');
    const db = openDatabase({ dataDir, pgliteTemplate: pgliteTemplateDir });
    try {
      await db.ready();
      expect(await migrateToLatest(db)).toEqual([]);
      const names = (await db.query('knex_migrations').orderBy('id').pluck('name')) as string[];
      expect(names).toEqual(currentMigrationNames());
    } finally {
      await db.close();
    }
  });

  it('is passed over when its migrations are not the current ones, and never overwrites', () => {
    const stale = path.join(work, 'stale-template');
    cpSync(pgliteTemplateDir, stale, { recursive: true });
    writeFileSync(path.join(stale, TEMPLATE_MANIFEST), JSON.stringify(['20200101_0000_other']));
    const empty = path.join(work, 'empty');
    expect(copyPgliteTemplate(stale, empty)).toBe(false);
    expect(existsSync(path.join(empty, 'PG_VERSION'))).toBe(false);

    const existing = path.join(work, 'fresh', 'pglite');
    expect(existsSync(path.join(existing, 'PG_VERSION'))).toBe(true);
    expect(copyPgliteTemplate(pgliteTemplateDir, existing)).toBe(false);
  });
});
