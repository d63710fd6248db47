// Leads review the service; they never learn where a patient is or what a
// person typed about one. Paramedics read only the calls their unit has.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds } from '../../seeds/ids.js';
import { assessOnScene, buildFallCall, connected, nextEvent } from '../support/calls.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

/** Digits after the decimal point. */
const decimals = (value: number) => (String(value).split('.')[1] ?? '').length;

describe.each(testDialects)('lead privacy and paramedic reach (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('shows leads unit positions to about 1 km, live and in GET /api/units; dispatchers exactly', async () => {
    const lead = await connected(app.socket(await app.tokenFor('lead')));
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const device = await connected(app.socket(await app.tokenFor('paramedic1')));
    const exact = { lat: 42.987654, lng: -81.254321 };
    const toLead = nextEvent<{ lat: number; lng: number }>(lead, 'unit:moved');
    const toBoard = nextEvent<{ lat: number; lng: number }>(board, 'unit:moved');
    const ack = await device.emitWithAck('unit:position', exact);
    expect(ack.ok).toBe(true);
    expect(await toBoard).toMatchObject(exact);
    const rounded = await toLead;
    expect(rounded).toMatchObject({ lat: 42.99, lng: -81.25 });

    const asLead = await (await app.as('lead'))('GET', '/api/units');
    const asDispatcher = await (await app.as('dispatcher'))('GET', '/api/units');
    const cp11 = (list: Array<{ id: string; position: { lat: number; lng: number } | null }>) =>
      list.find((u) => u.id === unitIds.cp11)!.position!;
    expect(cp11(asDispatcher.body)).toMatchObject(exact);
    expect(cp11(asLead.body)).toMatchObject({ lat: 42.99, lng: -81.25 });
    for (const unit of asLead.body as Array<{ position: { lat: number; lng: number } | null }>) {
      if (!unit.position) continue;
      expect(decimals(unit.position.lat)).toBeLessThanOrEqual(2);
      expect(decimals(unit.position.lng)).toBeLessThanOrEqual(2);
    }
  });

  it('stops a paramedic reading a call once their unit declined it', async () => {
    const dispatcher = await app.as('dispatcher');
    const paramedic1 = await app.as('paramedic1');
    const created = await dispatcher(
      'POST',
      '/api/calls',
      buildFallCall({ notes: 'declined by CP-11' }),
    );
    const offered = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      overrideReason: 'test chooses the unit',
    });
    expect(offered.status).toBe(201);
    expect((await paramedic1('GET', `/api/calls/${created.body.id}`)).status).toBe(200);
    const declined = await paramedic1(
      'POST',
      `/api/assignments/${offered.body.assignment.id}/status`,
      {
        status: 'declined',
        reason: 'Still with a patient',
      },
    );
    expect(declined.status).toBe(200);
    expect((await paramedic1('GET', `/api/calls/${created.body.id}`)).status).toBe(403);
    const queue = await paramedic1('GET', '/api/calls');
    expect((queue.body as Array<{ id: string }>).map((c) => c.id)).not.toContain(created.body.id);
  });

  it('gives leads the category of an override or decline, never the words typed', async () => {
    const dispatcher = await app.as('dispatcher');
    const paramedic1 = await app.as('paramedic1');
    const leadSocket = await connected(app.socket(await app.tokenFor('lead')));
    const typed = 'Daughter Mary Doe insists, lives at 12 Secret Lane';
    const step = (id: string, body: object) =>
      paramedic1('POST', `/api/assignments/${id}/status`, body);

    // A decline: the lead sees "vehicle_issue", not the crew's words.
    const first = await dispatcher('POST', '/api/calls', buildFallCall());
    const offered = await dispatcher('POST', `/api/calls/${first.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      overrideCategory: 'unit_better_placed',
    });
    expect(offered.status).toBe(201);
    const declinedPush = nextEvent<{
      status: string;
      declineCategory: string;
      declineReason: unknown;
    }>(leadSocket, 'assignment:updated', (a) => a.status === 'declined');
    expect(
      (
        await step(offered.body.assignment.id, {
          status: 'declined',
          declineCategory: 'vehicle_issue',
          reason: typed,
        })
      ).status,
    ).toBe(200);
    expect(await declinedPush).toMatchObject({
      declineCategory: 'vehicle_issue',
      declineReason: null,
    });

    // An override to the ED that ends in transport: a missed opportunity.
    const call = await dispatcher('POST', '/api/calls', buildFallCall());
    const sent = await dispatcher('POST', `/api/calls/${call.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      disposition: 'emergency_department',
      overrideCategory: 'patient_preference',
      overrideReason: typed,
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    for (const status of ['accepted', 'en_route', 'on_scene', 'transporting']) {
      if (status === 'transporting') await assessOnScene(paramedic1, call.body.id);
      expect((await step(sent.body.assignment.id, { status })).status).toBe(200);
    }
    expect(
      (await step(sent.body.assignment.id, { status: 'completed', outcome: 'transported_ed' }))
        .status,
    ).toBe(200);

    const asLead = await (await app.as('lead'))('GET', '/api/stats/missed-opportunities');
    const missed = (
      asLead.body.calls as Array<{ callId: string; category: string; reason: string }>
    ).find((c) => c.callId === call.body.id);
    expect(missed).toMatchObject({ kind: 'override', category: 'patient_preference' });
    expect(missed!.reason).toContain('Patient or family preference');
    expect(JSON.stringify(asLead.body)).not.toContain('Mary');
    const csv = await (await app.as('lead'))('GET', '/api/stats/export.csv');
    expect(csv.body).toContain('patient_preference');
    expect(csv.body).not.toContain('Mary');
    const lead = await app.as('lead');
    const detail = await lead('GET', `/api/calls/${call.body.id}`);
    expect(JSON.stringify(detail.body)).not.toContain('Mary');
    expect(detail.body.assignment).toMatchObject({ overrideCategory: 'patient_preference' });

    // Admins see what was typed.
    const asAdmin = await (await app.as('admin'))('GET', '/api/stats/missed-opportunities');
    expect(JSON.stringify(asAdmin.body)).toContain('Mary');
  });
});
