import { describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp } from '../support/test-app.js';

async function counts(db: Database) {
  const result: Record<string, number> = {};
  for (const table of ['users', 'units', 'destinations', 'destination_hours']) {
    const [row] = await db.query(table).count<Array<{ count: number }>>({ count: '*' });
    result[table] = Number(row?.count);
  }
  return result;
}

describe.each(testDialects)('restart on the same data (%s)', (dialect) => {
  it('keeps data and sessions, and seeds nothing twice', async () => {
    const first = await bootTestApp(dialect);
    const token = await first.tokenFor('dispatcher');
    const before = await counts(first.server.db);
    expect(before).toMatchObject({ users: 7, units: 6, destinations: 6 });
    await first.stop({ dispose: false });

    const second = await bootTestApp(dialect, { database: first.database });
    try {
      expect(await counts(second.server.db)).toEqual(before);
      const me = await second.request('GET', '/api/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe('dispatcher@altpath.local');
    } finally {
      await second.stop();
    }
    // Two boots of a fresh database, migrations and all: generous on a busy machine.
  }, 180_000);
});
