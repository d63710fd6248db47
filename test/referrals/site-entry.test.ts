import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, userIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildCrisisCall, connected, nextEvent } from '../support/calls.js';

// A partner keeps its own entry: capacity, weekly hours and closures, audited
// and live in matching from the next call on.

type Send = Awaited<ReturnType<TestApp['as']>>;
const site = destinationIds.crisisCentre;
const allWeek = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({
  weekday,
  opens: '00:00',
  closes: '24:00',
}));

describe.each(testDialects)("a partner's own entry (%s)", (dialect) => {
  let app: TestApp;
  let crisis: Send;
  let clinic: Send;
  let dispatcher: Send;

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    crisis = await app.as('crisis');
    clinic = await app.as('clinic1');
    dispatcher = await app.as('dispatcher');
  });
  afterAll(() => app?.stop());

  const destinationOfNewCall = async () =>
    (await dispatcher('POST', '/api/calls', buildCrisisCall())).body.destination?.type;

  it("lets a site's staff set its capacity, not another site's, live to dispatch", async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const pushed = nextEvent<{ id: string; capacity: string }>(
      board,
      'destination:updated',
      (d) => d.id === site,
    );
    const red = await crisis('PUT', `/api/destinations/${site}/capacity`, { capacity: 'red' });
    expect(red.status).toBe(200);
    expect((await pushed).capacity).toBe('red');
    expect(await destinationOfNewCall()).toBe('emergency_department');
    expect(
      (await clinic('PUT', `/api/destinations/${site}/capacity`, { capacity: 'green' })).status,
    ).toBe(403);
    await crisis('PUT', `/api/destinations/${site}/capacity`, { capacity: 'green' });
    expect(await destinationOfNewCall()).toBe('crisis_centre');
  });

  const schedule = (body: unknown) => crisis('PUT', `/api/destinations/${site}/schedule`, body);

  it('sets weekly hours, refusing bad times by field, and matching follows', async () => {
    const bad = await schedule({ hours: [{ weekday: 8, opens: '25:00', closes: '10:00' }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'hours.0.opens',
      'hours.0.weekday',
    ]);
    const closedAllWeek = await schedule({ hours: [] });
    expect(closedAllWeek.status).toBe(200);
    expect(closedAllWeek.body.hours).toEqual([]);
    expect(await destinationOfNewCall()).toBe('emergency_department');
    const open = await schedule({ hours: allWeek });
    expect(open.body.hours).toEqual(allWeek);
    expect(await destinationOfNewCall()).toBe('crisis_centre');
    expect(
      (await clinic('PUT', `/api/destinations/${site}/schedule`, { hours: allWeek })).status,
    ).toBe(403);
  });

  it('adds and removes a closure: closed in matching for its span, all audited', async () => {
    const now = Date.now();
    const closure = {
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3 * 3_600_000).toISOString(),
      reason: 'Fire alarm: building evacuated',
    };
    const added = await schedule({ closures: [closure] });
    expect(added.status).toBe(200);
    expect(added.body.closures).toEqual([
      expect.objectContaining({ reason: 'Fire alarm: building evacuated' }),
    ]);
    expect(await destinationOfNewCall()).toBe('emergency_department');
    const backwards = await schedule({
      closures: [{ startsAt: closure.endsAt, endsAt: closure.startsAt, reason: 'Backwards' }],
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.issues[0]).toMatchObject({ path: 'closures.0.endsAt' });
    expect(
      (await clinic('PUT', `/api/destinations/${site}/schedule`, { closures: [] })).status,
    ).toBe(403);
    const removed = await schedule({ closures: [] });
    expect(removed.body.closures).toEqual([]);
    expect(await destinationOfNewCall()).toBe('crisis_centre');

    const actions = await app.server.db
      .query('audit_log')
      .where({ entity_type: 'destination', entity_id: site, actor_id: userIds.crisis })
      .pluck('action');
    expect(actions).toEqual(
      expect.arrayContaining(['destination:capacity_changed', 'destination:updated']),
    );
  });
});

describe.each(testDialects)('an admin binds partner staff to a site (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('creates a partner bound to a clinic, who then sees that clinic only', async () => {
    const admin = await app.as('admin');
    const created = await admin('POST', '/api/users', {
      email: 'clinic3@altpath.local',
      role: 'partner',
      siteId: destinationIds.clinicSouthdale,
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({
      role: 'partner',
      siteId: destinationIds.clinicSouthdale,
    });
    const signIn = await app.request('POST', '/api/auth/login', {
      body: { email: 'clinic3@altpath.local', password: created.body.temporaryPassword },
    });
    expect(signIn.body.user.destinationId).toBe(destinationIds.clinicSouthdale);
    const token = signIn.body.token as string;
    const own = await app.request(
      'PUT',
      `/api/destinations/${destinationIds.clinicSouthdale}/capacity`,
      {
        token,
        body: { capacity: 'amber' },
      },
    );
    expect(own.status).toBe(200);
    const other = await app.request('PUT', `/api/destinations/${site}/capacity`, {
      token,
      body: { capacity: 'red' },
    });
    expect(other.status).toBe(403);
  });
});
