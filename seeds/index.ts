import type { Database } from '../server/db/database.js';
import { seedDestinations } from './01-destinations.js';
import { seedUnits } from './02-units.js';
import { seedDemoAccounts } from './03-demo-accounts.js';

export interface SeedOptions {
  /** Never true in production: demo accounts there would be a known password. */
  demoAccounts: boolean;
  demoPassword: string;
}

/** Seeds the demo service area. Re-runnable: existing rows are left as they are. */
export async function runSeeds(db: Database, options: SeedOptions): Promise<void> {
  await db.transaction(async (trx) => {
    await seedDestinations(trx);
    await seedUnits(trx);
    if (options.demoAccounts) await seedDemoAccounts(trx, options.demoPassword);
  });
}
