import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, unitIds, userIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { connected } from '../support/calls.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

describe.each(testDialects)('admin: users (%s)', (dialect) => {
  let app: TestApp;
  let admin: Awaited<ReturnType<TestApp['as']>>;

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    admin = await app.as('admin');
  });
  afterAll(() => app?.stop());

  const signIn = (email: string, password: string) =>
    app.request('POST', '/api/auth/login', { body: { email, password } });
  const userRow = (id: string) => app.server.db.query('users').where({ id }).first();

  it('lists users with their binding and live sessions, to admins only', async () => {
    const res = await admin('GET', '/api/users');
    expect(res.status).toBe(200);
    const paramedic = res.body.users.find((u: { id: string }) => u.id === userIds.paramedic1);
    expect(paramedic).toMatchObject({
      email: 'paramedic1@altpath.local',
      role: 'paramedic',
      unitId: unitIds.cp11,
      unitCallSign: 'CP-11',
      active: true,
    });
    // Receiving-site staff are bound to their site as a paramedic is to a unit.
    expect(res.body.users.find((u: { id: string }) => u.id === userIds.crisis)).toMatchObject({
      role: 'partner',
      unitId: null,
      siteId: destinationIds.crisisCentre,
      siteName: 'Thames Valley Crisis Centre',
    });
    const filtered = await admin('GET', '/api/users?role=paramedic&q=PARAMEDIC2');
    expect(filtered.body.users.map((u: { email: string }) => u.email)).toEqual([
      'paramedic2@altpath.local',
    ]);
    expect((await admin('GET', '/api/users?role=pilot')).body.error.issues).toEqual([
      { path: 'role', message: 'must be one of dispatcher, paramedic, lead, admin, partner' },
    ]);
    for (const user of ['dispatcher', 'paramedic1', 'lead'] as const) {
      expect((await (await app.as(user))('GET', '/api/users')).status).toBe(403);
      expect((await (await app.as(user))('POST', '/api/users', {})).status).toBe(403);
    }
  });

  it('creates a user who signs in with the temporary password shown once; audited', async () => {
    const res = await admin('POST', '/api/users', {
      email: '  New.Dispatcher@Altpath.local ',
      role: 'dispatcher',
    });
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email: 'new.dispatcher@altpath.local',
      role: 'dispatcher',
      unitId: null,
      active: true,
    });
    expect(res.body.temporaryPassword).toMatch(/^[\w-]{16}$/);
    expect((await signIn('new.dispatcher@altpath.local', res.body.temporaryPassword)).status).toBe(
      200,
    );
    const row = await userRow(res.body.user.id);
    expect(row.password_hash).not.toContain(res.body.temporaryPassword);
    const audit = await admin('GET', `/api/audit?action=user:created&entityId=${res.body.user.id}`);
    expect(audit.body.entries).toHaveLength(1);
    expect(audit.body.entries[0]).toMatchObject({
      actorId: userIds.admin,
      details: { email: 'new.dispatcher@altpath.local', role: 'dispatcher' },
    });
    expect(JSON.stringify(audit.body.entries)).not.toContain(res.body.temporaryPassword);

    const again = await admin('POST', '/api/users', {
      email: 'new.dispatcher@altpath.local',
      role: 'lead',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('email_taken');
  });

  it('refuses bad input naming the field in words, and writes nothing', async () => {
    const before = await app.server.db.query('users').count<{ count: string }>('* as count');
    const cases: Array<[unknown, Array<{ path: string; message: string }>]> = [
      [
        { email: 'not-an-email', role: 'dispatcher' },
        [{ path: 'email', message: 'must be an email address' }],
      ],
      [
        { email: 'p@altpath.local', role: 'paramedic' },
        [{ path: 'unitId', message: 'a paramedic must be bound to a unit' }],
      ],
      [
        { email: 'l@altpath.local', role: 'lead', unitId: unitIds.cp12 },
        [{ path: 'unitId', message: 'only a paramedic is bound to a unit, not a lead' }],
      ],
      [
        { email: 'x@altpath.local', role: 'dispatcher', siteId: unitIds.cp12 },
        [{ path: 'siteId', message: 'a dispatcher is not bound to a site' }],
      ],
      [
        {
          email: 'q@altpath.local',
          role: 'paramedic',
          unitId: '0a000000-0000-4000-8000-0000000000ff',
        },
        [{ path: 'unitId', message: 'no unit has this id' }],
      ],
      [
        { email: 'site@altpath.local', role: 'partner' },
        [{ path: 'siteId', message: 'a partner must be bound to a site' }],
      ],
      [
        { email: 'w@altpath.local', role: 'dispatcher', password: 'short' },
        [{ path: 'password', message: 'must be at least 12 characters' }],
      ],
      [
        { email: 'z@altpath.local', role: 'dispatcher', isAdmin: true },
        [{ path: 'isAdmin', message: 'Unknown field' }],
      ],
    ];
    for (const [body, issues] of cases) {
      const res = await admin('POST', '/api/users', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.issues).toEqual(issues);
      expect(res.body.error.message).toContain(issues[0]!.message);
    }
    const after = await app.server.db.query('users').count<{ count: string }>('* as count');
    expect(after).toEqual(before);
  });

  it('disabling a user ends their sessions and drops their sockets at once; audited', async () => {
    const created = await admin('POST', '/api/users', {
      email: 'medic.temp@altpath.local',
      role: 'paramedic',
      unitId: unitIds.cp14,
      password: 'a-long-enough-password',
    });
    expect(created.status).toBe(201);
    const id = created.body.user.id as string;
    const login = await signIn('medic.temp@altpath.local', 'a-long-enough-password');
    const token = login.body.token as string;
    const socket = await connected(app.socket(token));
    const dropped = new Promise<string>((resolve) => socket.once('disconnect', resolve));

    const res = await admin('PATCH', `/api/users/${id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ user: { active: false, liveSessions: 0 }, endedSessions: 1 });
    expect(await dropped).toBe('io server disconnect');
    expect((await app.request('GET', '/api/me', { token })).status).toBe(401);
    expect((await signIn('medic.temp@altpath.local', 'a-long-enough-password')).status).toBe(401);

    const audit = await admin('GET', `/api/audit?entityType=user&entityId=${id}`);
    expect(audit.body.entries.map((e: { action: string }) => e.action)).toEqual([
      'user:sessions_ended',
      'user:disabled',
      'user:created',
    ]);

    expect((await admin('PATCH', `/api/users/${id}`, { active: true })).status).toBe(200);
    expect((await signIn('medic.temp@altpath.local', 'a-long-enough-password')).status).toBe(200);
  });

  it('resets a password: the old one stops working, sessions end', async () => {
    const created = await admin('POST', '/api/users', {
      email: 'lead.two@altpath.local',
      role: 'lead',
      password: 'the-original-password',
    });
    const id = created.body.user.id as string;
    const { token } = (await signIn('lead.two@altpath.local', 'the-original-password')).body;
    const res = await admin('PATCH', `/api/users/${id}`, { resetPassword: true });
    expect(res.status).toBe(200);
    expect(res.body.endedSessions).toBe(1);
    expect((await app.request('GET', '/api/me', { token })).status).toBe(401);
    expect((await signIn('lead.two@altpath.local', 'the-original-password')).status).toBe(401);
    expect((await signIn('lead.two@altpath.local', res.body.temporaryPassword)).status).toBe(200);
  });

  it('changes a role and its binding together, or not at all', async () => {
    const created = await admin('POST', '/api/users', {
      email: 'medic.move@altpath.local',
      role: 'paramedic',
      unitId: unitIds.cp15,
    });
    const id = created.body.user.id as string;
    // To another unit: kept as a paramedic.
    const moved = await admin('PATCH', `/api/users/${id}`, { unitId: unitIds.cp16 });
    expect(moved.body.user).toMatchObject({ role: 'paramedic', unitId: unitIds.cp16 });
    // Off a unit while still a paramedic: refused, nothing changed.
    const unbound = await admin('PATCH', `/api/users/${id}`, { unitId: null });
    expect(unbound.status).toBe(400);
    expect(unbound.body.error.issues).toEqual([
      { path: 'unitId', message: 'a paramedic must be bound to a unit' },
    ]);
    // Role and a bad unit in one request: neither is written.
    const half = await admin('PATCH', `/api/users/${id}`, {
      active: false,
      unitId: '0a000000-0000-4000-8000-0000000000ff',
    });
    expect(half.status).toBe(400);
    expect(await userRow(id)).toMatchObject({
      role: 'paramedic',
      unit_id: unitIds.cp16,
      active: true,
    });
    // Becoming a dispatcher lets go of the unit.
    const promoted = await admin('PATCH', `/api/users/${id}`, { role: 'dispatcher' });
    expect(promoted.body.user).toMatchObject({ role: 'dispatcher', unitId: null });
    const audit = await admin('GET', `/api/audit?action=user:updated&entityId=${id}`);
    expect(audit.body.entries[0].details.changes).toEqual({
      role: { from: 'paramedic', to: 'dispatcher' },
      unitId: { from: unitIds.cp16, to: null },
    });
  });

  it('keeps an admin from locking themselves out', async () => {
    const self = await admin('PATCH', `/api/users/${userIds.admin}`, { active: false });
    expect(self.status).toBe(409);
    expect(self.body.error.code).toBe('cannot_change_own_admin');
    const demote = await admin('PATCH', `/api/users/${userIds.admin}`, { role: 'lead' });
    expect(demote.status).toBe(409);
    expect((await userRow(userIds.admin)).active).toBe(true);
    expect((await admin('PATCH', `/api/users/${userIds.admin}`, {})).body.error.issues).toEqual([
      {
        path: '(root)',
        message: 'must name at least one of role, unitId, siteId, active, resetPassword',
      },
    ]);
    const unknown = await admin('PATCH', '/api/users/0c000000-0000-4000-8000-0000000000ff', {
      active: false,
    });
    expect(unknown.status).toBe(404);
  });
});
