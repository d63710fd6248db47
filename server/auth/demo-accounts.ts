import { demoAccounts } from '../db/seed.js';
import type { Queryable } from '../db/database.js';

/**
 * A database seeded in development keeps its demo accounts (known password)
 * when the same data is later run with NODE_ENV=production. There they are
 * switched off (inactive: no sign-in, and their sessions end), so a forgotten
 * demo account is never a way in. Returns the emails it disabled.
 */
export async function disableDemoAccounts(q: Queryable): Promise<string[]> {
  const rows = await q('users')
    .whereIn(
      'id',
      demoAccounts.map((a) => a.id),
    )
    .where({ active: true })
    .update({ active: false })
    .returning<Array<{ email: string }>>('email');
  return rows.map((r) => r.email);
}
