import type { Socket } from 'socket.io-client';
import { expect, it } from 'vitest';
import { destinationIds, unitIds } from '../../seeds/ids.js';
import { assessOnScene, connected } from '../support/calls.js';
import type { DemoUser, TestApp } from '../support/test-app.js';
import { leaksPatient, secretCall } from './patient-secrets.js';
import { discoverSocketEvents } from './routes.js';

type Ack = { ok: boolean; data?: unknown; error?: { code: string } };
type SocketUser = DemoUser;
const users: SocketUser[] = [
  'dispatcher',
  'paramedic1',
  'paramedic2',
  'lead',
  'admin',
  'crisis',
  'clinic1',
];

/** Client→server events × signed-in users → acknowledged ok, or refused with this code. */
const socketEvents: Record<
  string,
  { payload: unknown; expect: Record<SocketUser, 'ok' | 'forbidden'> }
> = {
  'unit:position': {
    payload: { lat: 42.99, lng: -81.25 },
    expect: {
      dispatcher: 'forbidden',
      paramedic1: 'ok',
      paramedic2: 'ok',
      lead: 'forbidden',
      admin: 'forbidden',
      crisis: 'forbidden',
      clinic1: 'forbidden',
    },
  },
  // Catch-up replays the caller's own room only: allowed for everyone.
  'events:since': {
    payload: { after: 0 },
    expect: {
      dispatcher: 'ok',
      paramedic1: 'ok',
      paramedic2: 'ok',
      lead: 'ok',
      admin: 'ok',
      crisis: 'ok',
      clinic1: 'ok',
    },
  },
};

/** Events only the dispatch room receives: a paramedic must never see one. */
const dispatchRoomOnly = ['call:created', 'unit:moved', 'unit:updated', 'destination:updated'];

/** Socket rows of the matrix; `context` is read when the tests run, after beforeAll. */
export function socketMatrix(
  context: () => { app: TestApp; fixtures: { assignedCall: string; assignment: string } },
) {
  const socketOf = async (user: DemoUser) =>
    connected(context().app.socket(await context().app.tokenFor(user)));

  it('refuses a connection without a live session', async () => {
    for (const token of [undefined, 'forged-token']) {
      const socket = context().app.socket(token);
      const error = await new Promise<string>((resolve) =>
        socket.once('connect_error', (err) => resolve(err.message)),
      );
      expect(error).toBe('unauthenticated');
    }
  });

  it('has an entry for every event a socket listens to, and answers each role as listed', async () => {
    const { app } = context();
    const served = await discoverSocketEvents(app, await app.tokenFor('paramedic1'));
    expect(
      served.filter((event) => !socketEvents[event]),
      'socket events without a matrix entry',
    ).toEqual([]);
    const mismatches: string[] = [];
    for (const [event, entry] of Object.entries(socketEvents)) {
      if (!served.includes(event)) continue;
      for (const user of users) {
        const socket = await socketOf(user);
        const ack = (await socket.timeout(5_000).emitWithAck(event, entry.payload)) as Ack;
        const got = ack.ok ? 'ok' : ack.error?.code;
        if (got !== entry.expect[user])
          mismatches.push(`${event} as ${user}: expected ${entry.expect[user]}, got ${got}`);
        if (user === 'lead' && leaksPatient(ack))
          mismatches.push(`${event} as lead: answer identifies a patient`);
        socket.disconnect();
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('keeps paramedics out of the dispatch room and other units’ rooms, partners in their site’s', async () => {
    const { app, fixtures } = context();
    const received = new Map<DemoUser, Array<{ event: string; args: unknown[] }>>();
    const sockets = new Map<DemoUser, Socket>();
    for (const user of users) {
      const socket = await socketOf(user);
      received.set(user, []);
      socket.onAny((event: string, ...args: unknown[]) =>
        received.get(user)?.push({ event, args }),
      );
      sockets.set(user, socket);
    }
    const dispatcher = await app.as('dispatcher');
    const created = await dispatcher('POST', '/api/calls', secretCall());
    await sockets
      .get('paramedic1')
      ?.timeout(5_000)
      .emitWithAck('unit:position', { lat: 42.98, lng: -81.24 });
    await (
      await app.as('lead')
    )('PUT', `/api/destinations/${destinationIds.clinicLimberlost}/capacity`, {
      capacity: 'amber',
    });
    await assessOnScene(await app.as('paramedic1'), fixtures.assignedCall);
    const finished = await (
      await app.as('paramedic1')
    )('POST', `/api/assignments/${fixtures.assignment}/status`, {
      status: 'completed',
      outcome: 'treated_in_place',
    });
    expect(finished.status).toBe(200);
    // Offered to CP-11 (paramedic1): a unit-room event paramedic2 must not get.
    expect(
      (
        await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {
          unitId: unitIds.cp11,
          overrideReason: 'rooms test',
        })
      ).status,
    ).toBe(201);
    await waitFor(
      () => received.get('paramedic1')?.some((m) => m.event === 'assignment:offered') ?? false,
    );
    await waitFor(() => received.get('dispatcher')?.some((m) => m.event === 'unit:moved') ?? false);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let any stray delivery arrive

    const eventsOf = (user: DemoUser) => (received.get(user) ?? []).map((m) => m.event);
    expect(eventsOf('dispatcher')).toEqual(
      expect.arrayContaining([
        'call:created',
        'unit:moved',
        'destination:updated',
        'assignment:updated',
      ]),
    );
    expect(eventsOf('paramedic1')).toEqual(
      expect.arrayContaining(['assignment:offered', 'assignment:updated']),
    );
    for (const paramedic of ['paramedic1', 'paramedic2'] as const) {
      expect(
        eventsOf(paramedic).filter((e) => dispatchRoomOnly.includes(e)),
        paramedic,
      ).toEqual([]);
    }
    expect(eventsOf('paramedic2')).toEqual([]);
    // The crisis call's referral reaches the crisis centre's staff, and no other site's.
    await waitFor(() => eventsOf('crisis').includes('referral:requested'));
    expect(eventsOf('crisis').filter((e) => dispatchRoomOnly.includes(e))).toEqual([]);
    expect(eventsOf('clinic1')).toEqual([]);
    for (const socket of sockets.values()) socket.disconnect();
  });

  it('pushes leads nothing that identifies a patient', async () => {
    const { app } = context();
    const lead = await socketOf('lead');
    const payloads: unknown[] = [];
    lead.onAny((_event: string, ...args: unknown[]) => payloads.push(args));
    const dispatcher = await socketOf('dispatcher');
    const seen = new Promise((resolve) => dispatcher.once('call:created', resolve));
    await (
      await app.as('dispatcher')
    )('POST', '/api/calls', secretCall());
    await seen;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const leaked = payloads.map(leaksPatient).filter(Boolean);
    lead.disconnect();
    dispatcher.disconnect();
    expect(leaked, 'a lead’s socket received patient details').toEqual([]);
  });
}

async function waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting for an event');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
