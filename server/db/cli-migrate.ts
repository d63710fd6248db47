import { loadConfig } from '../config/config.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { printLine } from '../cli/print-line.js';

const config = loadConfig();
const db = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await db.ready();
  const ran = await migrateToLatest(db);
  printLine(
    ran.length ? `Applied ${ran.length} migration(s): ${ran.join(', ')}` : 'Database is up to date',
  );
} finally {
  await db.close();
}
