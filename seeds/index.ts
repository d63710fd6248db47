// Numbered seeds: the demo service area, and the demo accounts outside production.
// They import nothing from server/ (dependency-cruiser checks it): the database
// layer runs them (server/db/seed.ts) and hands them what they need.
import type { Knex } from 'knex';
import { seedDestinations } from './01-destinations.js';
import { seedUnits } from './02-units.js';
import { seedDemoAccounts, type HashPassword } from './03-demo-accounts.js';

export interface SeedOptions {
  /** Never true in production: demo accounts there would be a known password. */
  demoAccounts: boolean;
  demoPassword: string;
  hashPassword: HashPassword;
}

/** Seeds the demo service area in one transaction. Re-runnable: existing rows are left as they are. */
export async function runSeeds(trx: Knex.Transaction, options: SeedOptions): Promise<void> {
  await seedDestinations(trx);
  await seedUnits(trx);
  if (options.demoAccounts) await seedDemoAccounts(trx, options.demoPassword, options.hashPassword);
}
