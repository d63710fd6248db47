// The PGlite template a first start copies (server/db/pglite-template.ts): a
// fresh database with every migration run, closed cleanly, and the list of
// those migrations beside it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { currentMigrationNames, TEMPLATE_MANIFEST } from '../server/db/pglite-template.js';

export async function buildPgliteTemplate(outDir: string): Promise<void> {
  const db = openDatabase({ dataDir: outDir });
  try {
    await db.ready();
    await migrateToLatest(db);
  } finally {
    await db.close();
  }
  writeFileSync(
    path.join(outDir, TEMPLATE_MANIFEST),
    `${JSON.stringify(currentMigrationNames(), null, 2)}\n`,
  );
}
