// Background work is durable and shared: replays are jobs in the database (one
// at a time across processes, a bounded queue, taken over when their process
// dies, put back at shutdown) and periodic work runs once per interval.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userIds } from '../../seeds/ids.js';
import { claimSchedule, ensureSchedule } from '../../server/jobs/schedule-repository.js';
import { startChildServer, stopChildServer, type ChildServer } from '../support/child-server.js';
import { createTestDatabase, testDialects, type TestDatabase } from '../support/databases.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';
import { candidateRuleFiles } from '../replay/replay-history.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fastJobs = { JOB_POLL_MS: '100', JOB_LEASE_MS: '3000' };

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe.each(testDialects)('durable background jobs (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect, { env: fastJobs });
  });
  afterAll(() => app?.stop());

  const jobRow = (id: string) =>
    app.server.db
      .query('replay_jobs')
      .where({ id })
      .first<{ status: string; error: string | null; attempts: number }>();
  const orphan = async (attempts: number) => {
    // What a process killed mid-replay leaves behind: running, its lease run out.
    const [row] = await app.server.db
      .query('replay_jobs')
      .insert({
        requested_by: userIds.lead,
        status: 'running',
        params: JSON.stringify({ from: null, to: null, candidateRuleSetVersion: 'x', files: [] }),
        candidate: JSON.stringify(candidateRuleFiles()),
        attempts,
        locked_by: 'a-host-that-died:4242:abcdef',
        lease_until: new Date(Date.now() - 1_000),
        started_at: new Date(Date.now() - 60_000),
      })
      .returning<Array<{ id: string }>>('id');
    return row!.id;
  };

  it('takes over a replay whose process died, and completes it', async () => {
    const id = await orphan(1);
    const done = await until('the orphan to finish', async () => {
      const row = await jobRow(id);
      return row && ['completed', 'failed'].includes(row.status) ? row : undefined;
    });
    expect(done).toMatchObject({ status: 'completed', attempts: 2 });
  });

  it('fails a replay that took its process down too often, saying why', async () => {
    const id = await orphan(3);
    const done = await until('the orphan to be failed', async () => {
      const row = await jobRow(id);
      return row?.status === 'failed' ? row : undefined;
    });
    expect(done.error).toMatch(/stopped 3 times/);
  });

  it('purges realtime events older than a day, and expired idempotency keys', async () => {
    const db = app.server.db.query;
    const [old] = await db('realtime_events')
      .insert({
        room: 'dispatch',
        event: 'call:created',
        payload: JSON.stringify({}),
        created_at: new Date(Date.now() - 25 * 3_600_000),
      })
      .returning<Array<{ id: string }>>('id');
    const { tx } = await db('realtime_events')
      .where({ id: old?.id })
      .first<{ tx: string }>(db.raw('tx::text as tx'));
    await db('idempotency_keys').insert({
      user_id: userIds.dispatcher,
      key: 'long-gone',
      fingerprint: 'x',
      claim_id: '00000000-0000-4000-8000-000000000001',
      expires_at: new Date(Date.now() - 1_000),
    });
    // Due at once on a fresh schedule; here they may have run already: run them again.
    await db('job_schedules').update({ next_run_at: db.fn.now() });
    await until('the old rows to go', async () => {
      const event = await db('realtime_events').where({ id: old?.id }).first();
      const key = await db('idempotency_keys').where({ key: 'long-gone' }).first();
      return !event && !key ? true : undefined;
    });
    // Remembered, so a client that last saw a horizon from before it is told to reload.
    const purged = await db('realtime_event_purges').first<{ tx: string }>(
      db.raw('newest_purged_tx::text as tx'),
    );
    expect(Number(purged?.tx)).toBeGreaterThanOrEqual(Number(tx));
  });

  it('gives a periodic job to exactly one of many claimants', async () => {
    const db = app.server.db.query;
    await ensureSchedule(db, 'test-claim');
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        claimSchedule(db, {
          name: 'test-claim',
          everyMs: 60_000,
          leaseMs: 60_000,
          worker: `w${i}`,
        }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    // Not due again for a minute, whoever asks.
    expect(
      await claimSchedule(db, { name: 'test-claim', everyMs: 1, leaseMs: 1, worker: 'late' }),
    ).toBe(false);
  });
});

// Holding a lock on calls keeps a replay "running" (its first read waits): a
// real transaction of another session, as a slow replay would be.
describe.runIf(process.env.TEST_DATABASE_URL)('replays across processes (postgres)', () => {
  let database: TestDatabase;
  let a: TestApp;
  let b: TestApp;
  let blocker: pg.Client;
  const env = { ...fastJobs, REPLAY_QUEUE_MAX: '3' };

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    a = await bootTestApp('postgres', { database, env });
    b = await bootTestApp('postgres', { database, env });
    blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
  });
  afterAll(async () => {
    await blocker?.end();
    await b?.stop({ dispose: false });
    await a?.stop({ dispose: false }).catch(() => undefined);
    await database?.dispose();
  });

  const statuses = async () =>
    (await a.server.db.query('replay_jobs').select<Array<{ status: string }>>('status')).map(
      (r) => r.status,
    );

  it('runs one at a time across processes, bounds the queue, and does not hold shutdown', async () => {
    const body = { rules: { files: candidateRuleFiles() } };
    const leadA = await a.as('lead');
    const leadB = await b.as('lead');
    await blocker.query('begin');
    await blocker.query('lock table calls in access exclusive mode');
    const accepted = [
      await leadA('POST', '/api/rules/replay', body),
      await leadB('POST', '/api/rules/replay', body),
      await leadA('POST', '/api/rules/replay', body),
    ];
    for (const res of accepted) expect(res.status, JSON.stringify(res.body)).toBe(202);
    const refused = await leadB('POST', '/api/rules/replay', body);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('replay_queue_full');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);

    await until('one replay running', async () =>
      (await statuses()).includes('running') ? true : undefined,
    );
    for (let i = 0; i < 10; i++) {
      expect((await statuses()).filter((s) => s === 'running')).toHaveLength(1);
      await sleep(100);
    }

    // Whichever process holds it, stopping that process does not wait for it.
    const holder = await a.server.db
      .query('replay_jobs')
      .where({ status: 'running' })
      .first<{ id: string; locked_by: string }>();
    const [stopped, survivor] = holder!.locked_by === a.server.app.worker ? [a, b] : [b, a];
    const outcome = await Promise.race([
      stopped.server.stop().then(() => 'stopped'),
      sleep(20_000).then(() => 'still waiting'),
    ]);
    expect(outcome).toBe('stopped');
    const released = await survivor.server.db
      .query('replay_jobs')
      .where({ id: holder!.id })
      .first<{ status: string; locked_by: string | null }>();
    expect(released!.locked_by).not.toBe(holder!.locked_by);

    await blocker.query('rollback');
    const done = await until('every replay to finish', async () => {
      const all = await survivor.server.db
        .query('replay_jobs')
        .select<Array<{ status: string }>>('status');
      return all.every((r) => r.status === 'completed') ? all : undefined;
    });
    expect(done).toHaveLength(3);
    if (stopped === a) a = await bootTestApp('postgres', { database, env }); // for afterAll
  }, 90_000);
});

describe.runIf(process.env.TEST_DATABASE_URL)('a process killed mid-replay (postgres)', () => {
  let database: TestDatabase;
  let a: ChildServer;
  let b: ChildServer;
  let blocker: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const env = { DATABASE_URL: database.url as string, ...fastJobs };
    a = await startChildServer(env);
    b = await startChildServer(env);
    blocker = new pg.Client({ connectionString: database.url });
    await blocker.connect();
  }, 120_000);
  afterAll(async () => {
    await blocker?.end();
    await Promise.all([a && stopChildServer(a), b && stopChildServer(b)]);
    await database?.dispose();
  });

  it('is taken over by another process once its lease runs out', async () => {
    const login = await fetch(`${a.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'lead@altpath.local', password: DEMO_PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    await blocker.query('begin');
    await blocker.query('lock table calls in access exclusive mode');
    // Both processes poll: whichever claims it, kill that one.
    const res = await fetch(`${a.url}/api/rules/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ rules: { files: candidateRuleFiles() } }),
    });
    expect(res.status).toBe(202);
    const { job } = (await res.json()) as { job: { id: string } };
    // The claim as it stands when read: on a loaded machine one lease may already have
    // run out and been taken over, so the attempt the kill interrupts is counted here.
    const claim = await until('the job to be claimed', async () => {
      const { rows } = await blocker.query<{ locked_by: string | null; attempts: number }>(
        'select locked_by, attempts from replay_jobs where id = $1',
        [job.id],
      );
      return rows[0]?.locked_by
        ? { lockedBy: rows[0].locked_by, attempts: rows[0].attempts }
        : undefined;
    });
    const first = claim.lockedBy;
    const pidOf = (server: ChildServer) => String(server.child.pid);
    const victim = first.split(':')[1] === pidOf(a) ? a : b;
    victim.child.kill('SIGKILL');
    await victim.exited;
    const next = await until('another process to take it over', async () => {
      const { rows } = await blocker.query<{ locked_by: string | null; attempts: number }>(
        'select locked_by, attempts from replay_jobs where id = $1',
        [job.id],
      );
      return rows[0]?.locked_by && rows[0].locked_by !== first ? rows[0] : undefined;
    });
    expect(next.attempts).toBe(claim.attempts + 1);
    await blocker.query('rollback');
    const done = await until('the replay to complete', async () => {
      const { rows } = await blocker.query<{ status: string }>(
        'select status from replay_jobs where id = $1',
        [job.id],
      );
      return rows[0]?.status === 'completed' ? true : undefined;
    });
    expect(done).toBe(true);
  }, 90_000);
});
