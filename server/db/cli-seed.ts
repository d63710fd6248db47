import { loadConfig } from '../config/config.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';
import { seedDatabase } from './seed.js';
import { printLine } from '../cli/print-line.js';

const config = loadConfig();
const db = openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
try {
  await db.ready();
  await migrateToLatest(db);
  await seedDatabase(db, {
    demoAccounts: config.seedDemoAccounts,
    demoPassword: config.DEMO_PASSWORD,
  });
  printLine(`Seeded the demo service area${config.seedDemoAccounts ? ' and demo accounts' : ''}`);
} finally {
  await db.close();
}
