import { runSeeds } from '../../seeds/index.js';
import { hashPassword } from '../crypto/password.js';
import type { Database } from './database.js';

export { demoAccounts, destinationIds, unitIds, userIds } from '../../seeds/ids.js';

/**
 * The server reaches the seeds through here only: the demo service area, and the
 * demo accounts unless `demoAccounts` is false (production). Re-runnable.
 */
export async function seedDatabase(
  db: Database,
  options: { demoAccounts: boolean; demoPassword: string },
): Promise<void> {
  await db.transaction((trx) => runSeeds(trx, { ...options, hashPassword }));
}
