import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds, userIds } from '../../seeds/ids.js';
import { errorMiddleware } from '../../server/http/error-middleware.js';
import { idempotency } from '../../server/idempotency/idempotency-middleware.js';
import { purgeExpiredKeys } from '../../server/idempotency/idempotency-repository.js';
import { createLogger } from '../../server/logging/logger.js';
import { assessOnScene, buildCrisisCall, buildFallCall } from '../support/calls.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type DemoUser, type TestApp } from '../support/test-app.js';

describe.each(testDialects)('Idempotency-Key (%s)', (dialect) => {
  let app: TestApp;
  let n = 0;
  const newKey = () => `key-${dialect}-${++n}-${Date.now()}`;

  /** A POST carrying an Idempotency-Key, as `user`. */
  async function post(user: DemoUser, path: string, key: string, body: unknown) {
    const token = await app.tokenFor(user);
    return app.request('POST', path, { token, body, headers: { 'idempotency-key': key } });
  }
  const count = async (table: string) =>
    Number((await app.server.db.query(table).count<Array<{ c: number }>>({ c: '*' }))[0]?.c);

  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('replays the first answer to a repeat, with keys in any order, and creates nothing', async () => {
    const key = newKey();
    const call = buildFallCall({ notes: 'idempotent intake' });
    const first = await post('dispatcher', '/api/calls', key, call);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const calls = await count('calls');

    const reordered = Object.fromEntries(Object.entries(call).reverse());
    const again = await post('dispatcher', '/api/calls', key, reordered);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count('calls')).toBe(calls);
  });

  it('refuses the same key with another body (422) and scopes keys per user', async () => {
    const key = newKey();
    const first = await post('dispatcher', '/api/calls', key, buildFallCall());
    const other = await post('dispatcher', '/api/calls', key, buildCrisisCall());
    expect(other.status).toBe(422);
    expect(other.body.error.code).toBe('idempotency_key_reused');
    const otherPath = await post('dispatcher', `/api/calls/${first.body.id}/dispatch`, key, {});
    expect(otherPath.status).toBe(422);

    const admin = await post('admin', '/api/calls', key, buildFallCall());
    expect(admin.status).toBe(201);
    expect(admin.body.id).not.toBe(first.body.id);
  });

  it('rejects a malformed key with a 400 naming the header, creating nothing', async () => {
    const calls = await count('calls');
    for (const bad of ['', 'has space', 'x'.repeat(201), 'naïve']) {
      const res = await post('dispatcher', '/api/calls', bad, buildFallCall());
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'invalid_idempotency_key',
        issues: [{ path: 'Idempotency-Key' }],
      });
    }
    expect((await post('dispatcher', '/api/calls', 'x'.repeat(200), buildFallCall())).status).toBe(
      201,
    );
    expect(await count('calls')).toBe(calls + 1);
  });

  it('runs concurrent repeats once: one call, every other answer a replay or 409 in progress', async () => {
    const key = newKey();
    const calls = await count('calls');
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        post('dispatcher', '/api/calls', key, buildFallCall({ notes: 'burst' })),
      ),
    );
    expect(await count('calls')).toBe(calls + 1);
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    for (const a of answers.filter((x) => x.status !== 201)) {
      expect(a.status).toBe(409);
      expect(a.body.error.code).toBe('idempotency_in_progress');
      expect(a.headers.get('retry-after')).toBe('1');
    }
  });

  it('covers dispatch and status changes, storing 4xx answers too', async () => {
    const created = await post('dispatcher', '/api/calls', newKey(), buildFallCall());
    const dispatchKey = newKey();
    const dispatch = { unitId: unitIds.cp12, overrideReason: 'idempotency test' };
    const offered = await post(
      'dispatcher',
      `/api/calls/${created.body.id}/dispatch`,
      dispatchKey,
      dispatch,
    );
    expect(offered.status).toBe(201);
    const replayed = await post(
      'dispatcher',
      `/api/calls/${created.body.id}/dispatch`,
      dispatchKey,
      dispatch,
    );
    expect(replayed.status).toBe(201);
    expect(replayed.body.assignment.id).toBe(offered.body.assignment.id);

    const id = offered.body.assignment.id as string;
    const tooEarlyKey = newKey();
    const tooEarly = await post('paramedic2', `/api/assignments/${id}/status`, tooEarlyKey, {
      status: 'en_route',
    });
    expect(tooEarly.status).toBe(409);
    const acceptKey = newKey();
    expect(
      (await post('paramedic2', `/api/assignments/${id}/status`, acceptKey, { status: 'accepted' }))
        .status,
    ).toBe(200);
    const acceptAgain = await post('paramedic2', `/api/assignments/${id}/status`, acceptKey, {
      status: 'accepted',
    });
    expect(acceptAgain.status).toBe(200);
    expect(acceptAgain.headers.get('idempotent-replayed')).toBe('true');
    // The stored 409 is the answer to that request, even though en_route is now legal.
    const stillTooEarly = await post('paramedic2', `/api/assignments/${id}/status`, tooEarlyKey, {
      status: 'en_route',
    });
    expect(stillTooEarly.status).toBe(409);
    expect(stillTooEarly.body).toEqual(tooEarly.body);

    const accepted = await app.server.db
      .query('audit_log')
      .where({ action: 'assignment:accepted', entity_id: created.body.id });
    expect(accepted).toHaveLength(1);
    await post('paramedic2', `/api/assignments/${id}/status`, newKey(), { status: 'en_route' });
    await post('paramedic2', `/api/assignments/${id}/status`, newKey(), { status: 'on_scene' });
    await assessOnScene(await app.as('paramedic2'), created.body.id);
    await post('paramedic2', `/api/assignments/${id}/status`, newKey(), {
      status: 'completed',
      outcome: 'treated_in_place',
    });
  });

  it('keeps keys 24 h, then lets the key run again; purges expired keys', async () => {
    const key = newKey();
    await post('dispatcher', '/api/calls', key, buildFallCall());
    const row = await app.server.db.query('idempotency_keys').where({ key }).first();
    expect(row.expires_at.getTime() - row.claimed_at.getTime()).toBeGreaterThanOrEqual(
      24 * 3600_000,
    );

    await app.server.db
      .query('idempotency_keys')
      .where({ key })
      .update({ expires_at: new Date(Date.now() - 1000) });
    const calls = await count('calls');
    const rerun = await post('dispatcher', '/api/calls', key, buildFallCall());
    expect(rerun.headers.get('idempotent-replayed')).toBeNull();
    expect(await count('calls')).toBe(calls + 1);

    await app.server.db
      .query('idempotency_keys')
      .where({ key })
      .update({ expires_at: new Date(Date.now() - 1000) });
    expect(await purgeExpiredKeys(app.server.db.query)).toBeGreaterThanOrEqual(1);
    expect(await app.server.db.query('idempotency_keys').where({ key }).first()).toBeUndefined();
  });

  it('releases the key after a 5xx so a retry runs; takes over a claim abandoned past its lease', async () => {
    // A bare app on the same database: the real routes have no way to fail on demand.
    let failures = 1;
    let runs = 0;
    const bare = express();
    bare.use(express.json());
    bare.use((req, _res, next) => {
      req.actor = {
        id: userIds.dispatcher,
        email: 'dispatcher@altpath.local',
        role: 'dispatcher',
        unitId: null,
        destinationId: null,
        sessionId: 'test',
      };
      next();
    });
    bare.post(
      '/flaky',
      idempotency({ db: app.server.db, logger: createLogger('silent'), leaseSeconds: 1 }),
      (_req, res) => {
        runs++;
        if (failures-- > 0) throw new Error('transient fault');
        res.status(201).json({ run: runs });
      },
    );
    bare.use(errorMiddleware(createLogger('silent')));
    const server = bare.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/flaky`;
    const send = (key: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: '{}',
      });
    try {
      const key = newKey();
      expect((await send(key)).status).toBe(500);
      const retried = await send(key);
      expect(retried.status).toBe(201);
      expect(await retried.json()).toEqual({ run: 2 });
      expect(runs).toBe(2);

      // A process that died mid-request leaves its claim in progress; past the lease, a repeat runs.
      const stuck = newKey();
      await app.server.db.query('idempotency_keys').insert({
        user_id: userIds.dispatcher,
        key: stuck,
        fingerprint: (await app.server.db.query('idempotency_keys').where({ key }).first())
          .fingerprint,
        claim_id: '00000000-0000-4000-8000-000000000000',
        claimed_at: new Date(Date.now() - 5_000),
        expires_at: new Date(Date.now() + 3600_000),
      });
      expect((await send(stuck)).status).toBe(201);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
