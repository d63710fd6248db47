import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, unitIds, userIds } from '../../seeds/ids.js';
import { assessOnScene, buildCrisisCall } from '../support/calls.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

type As = Awaited<ReturnType<TestApp['as']>>;
interface Entry {
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  actorRole: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

describe.each(testDialects)('audit log (%s)', (dialect) => {
  let app: TestApp;
  let admin: As;

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    admin = await app.as('admin');
  });
  afterAll(() => app?.stop());

  /** Every entry matching `query`, following nextCursor two at a time. */
  async function allPages(query: string): Promise<Entry[]> {
    const entries: Entry[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { entries: Entry[]; nextCursor: string | null } } =
        await admin('GET', `/api/audit?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      entries.push(...res.body.entries);
      cursor = res.body.nextCursor;
    } while (cursor);
    return entries;
  }

  it('records a call walked through intake, override, every status, views, capacity and sign-ins: who, what, when, where', async () => {
    const dispatcher = await app.as('dispatcher');
    const paramedic2 = await app.as('paramedic2');
    const lead = await app.as('lead');
    const started = new Date(Date.now() - 1_000).toISOString();

    const created = await dispatcher('POST', '/api/calls', buildCrisisCall());
    expect(created.status).toBe(201);
    const callId = created.body.id as string;
    const dispatched = await dispatcher('POST', `/api/calls/${callId}/dispatch`, {
      unitId: unitIds.cp12,
      overrideReason: 'CP-12 is already in the building',
    });
    expect(dispatched.status).toBe(201);
    const assignmentId = dispatched.body.assignment.id as string;
    expect((await paramedic2('GET', '/api/me/assignment')).body.offer.call.id).toBe(callId);
    for (const body of [
      { status: 'accepted' },
      { status: 'en_route' },
      { status: 'on_scene' },
      { status: 'completed', outcome: 'treated_in_place' },
    ]) {
      if (body.status === 'completed') await assessOnScene(paramedic2, callId);
      expect(
        (await paramedic2('POST', `/api/assignments/${assignmentId}/status`, body)).status,
      ).toBe(200);
    }
    expect((await dispatcher('GET', `/api/calls/${callId}`)).status).toBe(200);
    expect(
      (
        await lead('PUT', `/api/destinations/${destinationIds.crisisCentre}/capacity`, {
          capacity: 'amber',
        })
      ).status,
    ).toBe(200);
    const failed = await app.request('POST', '/api/auth/login', {
      body: { email: 'dispatcher@altpath.local', password: 'not-it' },
    });
    expect(failed.status).toBe(401);

    // Newest first, paged by cursor: the call's own story, reversed.
    const entries = await allPages(`entityType=call&entityId=${callId}`);
    const ids = entries.map((e) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'call:created',
      'call:dispatched_with_override',
      'call:viewed',
      'assignment:accepted',
      'assignment:en_route',
      'assignment:on_scene',
      'call:assessed',
      'assignment:completed',
      'call:viewed',
    ]);
    const byAction = (action: string) => entries.find((e) => e.action === action);
    expect(byAction('call:dispatched_with_override')).toMatchObject({
      actorId: userIds.dispatcher,
      actorRole: 'dispatcher',
      details: { unitId: unitIds.cp12, overrideReason: 'CP-12 is already in the building' },
    });
    expect(byAction('assignment:completed')).toMatchObject({
      actorId: userIds.paramedic2,
      details: { from: 'on_scene', to: 'completed', outcome: 'treated_in_place' },
    });
    expect(
      entries
        .filter((e) => e.action === 'call:viewed')
        .map((e) => e.actorId)
        .sort(),
    ).toEqual([userIds.dispatcher, userIds.paramedic2].sort());
    for (const entry of entries) {
      expect(entry.ip, entry.action).toMatch(/127\.0\.0\.1/);
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(Date.parse(started));
    }

    const capacity = await admin(
      'GET',
      `/api/audit?action=destination:capacity_changed&actorId=${userIds.lead}`,
    );
    expect(capacity.body.entries[0]).toMatchObject({
      actorRole: 'lead',
      entityId: destinationIds.crisisCentre,
      details: { from: 'green', to: 'amber' },
    });
    const failures = await admin(
      'GET',
      `/api/audit?action=auth:login_failed&from=${encodeURIComponent(started)}`,
    );
    expect(failures.body.entries[0]).toMatchObject({
      actorId: userIds.dispatcher,
      details: { email: 'dispatcher@altpath.local' },
    });
    expect(
      (await admin('GET', '/api/audit?action=auth:login')).body.entries.length,
    ).toBeGreaterThanOrEqual(4);
    // The rule set in force is recorded at start-up (rules change only with a restart).
    const rules = await admin('GET', '/api/audit?action=rules:changed');
    expect(rules.body.entries[0]).toMatchObject({ actorRole: 'system', details: { from: null } });
  });

  it('filters by time and refuses bad filters', async () => {
    const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString());
    expect((await admin('GET', `/api/audit?from=${future}`)).body).toEqual({
      entries: [],
      nextCursor: null,
    });
    expect(
      (await admin('GET', `/api/audit?to=${encodeURIComponent('2000-01-01T00:00:00Z')}`)).body
        .entries,
    ).toEqual([]);
    for (const query of [
      'limit=0',
      'limit=201',
      'cursor=abc',
      'cursor=-1',
      'from=yesterday',
      'actorId=1',
      'colour=red',
      'action=a&action=b',
    ]) {
      const res = await admin('GET', `/api/audit?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('invalid_query');
    }
  });

  it('is for admins only and has no way to change or remove an entry', async () => {
    expect((await app.request('GET', '/api/audit')).status).toBe(401);
    for (const user of ['dispatcher', 'paramedic1', 'lead'] as const) {
      expect((await (await app.as(user))('GET', '/api/audit')).status).toBe(403);
    }
    const [newest] = (await admin('GET', '/api/audit?limit=1')).body.entries as Entry[];
    for (const method of ['PUT', 'PATCH', 'DELETE', 'POST']) {
      expect(
        (await admin(method, `/api/audit/${newest?.id}`, { action: 'tampered' })).status,
        method,
      ).toBe(404);
    }
    expect((await admin('DELETE', '/api/audit')).status).toBe(404);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database itself', async () => {
    const db = app.server.db.query;
    const before = await db('audit_log').count<Array<{ count: string | number }>>('* as count');
    await expect(db('audit_log').update({ action: 'tampered' })).rejects.toThrow(/append-only/);
    await expect(db('audit_log').where({ action: 'auth:login' }).delete()).rejects.toThrow(
      /append-only/,
    );
    await expect(db.raw('truncate audit_log')).rejects.toThrow(/append-only/);
    const after = await db('audit_log').count<Array<{ count: string | number }>>('* as count');
    expect(Number(after[0]?.count)).toBe(Number(before[0]?.count));
    expect(await db('audit_log').where({ action: 'tampered' }).first()).toBeUndefined();
  });
});
