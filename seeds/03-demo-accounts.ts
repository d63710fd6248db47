import type { Knex } from 'knex';
import { demoAccounts } from './ids.js';

/** Hashing is the server's (server/crypto): seeds import nothing from server/. */
export type HashPassword = (password: string) => Promise<string>;

export async function seedDemoAccounts(
  trx: Knex.Transaction,
  password: string,
  hashPassword: HashPassword,
): Promise<void> {
  const existing = new Set(
    (await trx('users')
      .whereIn(
        'id',
        demoAccounts.map((a) => a.id),
      )
      .pluck('id')) as string[],
  );
  // Hashing is deliberately slow: only hash for accounts not yet there, and all at
  // once (scrypt runs on libuv's threads), so a first start waits for one hash per
  // core rather than seven in a row.
  const missing = demoAccounts.filter((a) => !existing.has(a.id));
  const hashes = await Promise.all(missing.map(() => hashPassword(password)));
  for (const [i, account] of missing.entries()) {
    await trx('users')
      .insert({
        id: account.id,
        email: account.email,
        role: account.role,
        unit_id: account.unitId,
        destination_id: account.destinationId,
        password_hash: hashes[i],
      })
      .onConflict('id')
      .ignore();
  }
}
