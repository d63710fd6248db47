import type { Knex } from 'knex';
import { hashPassword } from '../server/auth/password.js';
import { demoAccounts } from './ids.js';

export async function seedDemoAccounts(trx: Knex.Transaction, password: string): Promise<void> {
  const existing = new Set(
    (await trx('users')
      .whereIn(
        'id',
        demoAccounts.map((a) => a.id),
      )
      .pluck('id')) as string[],
  );
  // Hashing is deliberately slow: only hash for accounts not yet there.
  for (const account of demoAccounts.filter((a) => !existing.has(a.id))) {
    await trx('users')
      .insert({
        id: account.id,
        email: account.email,
        role: account.role,
        unit_id: account.unitId,
        password_hash: await hashPassword(password),
      })
      .onConflict('id')
      .ignore();
  }
}
