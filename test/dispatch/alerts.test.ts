// Issue 11, alerts nobody can miss: a decline (with its reason), an escalation and a call no
// unit can take each raise an alert, kept in the database and pushed to the dispatch room,
// until a dispatcher acknowledges it (audited). The expired offer is in realtime.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildCrisisCall, buildFallCall, connected, nextEvent } from '../support/calls.js';

interface Alert {
  id: string;
  kind: string;
  callId: string;
  message: string;
  acknowledgedAt: string | null;
}

describe.each(testDialects)('alerts (%s)', (dialect) => {
  let app: TestApp;
  let dispatcher: Awaited<ReturnType<TestApp['as']>>;
  let paramedic: Awaited<ReturnType<TestApp['as']>>;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
    dispatcher = await app.as('dispatcher');
    paramedic = await app.as('paramedic1');
  });
  afterAll(() => app?.stop());

  const openAlerts = async (): Promise<Alert[]> => (await dispatcher('GET', '/api/alerts')).body;

  it('raises an alert when a unit declines, with its reason, until acknowledged', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const lead = await connected(app.socket(await app.tokenFor('lead')));
    let leadSaw = false;
    lead.on('alert:raised', () => (leadSaw = true));
    try {
      const created = await dispatcher('POST', '/api/calls', buildCrisisCall());
      const offered = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {
        unitId: unitIds.cp11,
        overrideReason: 'test: CP-11',
      });
      const raised = nextEvent<Alert>(
        board,
        'alert:raised',
        (a) => a.callId === created.body.id && a.kind === 'declined',
      );
      const declined = await paramedic(
        'POST',
        `/api/assignments/${offered.body.assignment.id}/status`,
        { status: 'declined', declineCategory: 'vehicle_issue', reason: 'Flat tyre on the 401' },
      );
      expect(declined.status).toBe(200);
      const alert = await raised;
      expect(alert.message).toBe(
        'CP-11 declined mental health, 34: Vehicle issue — Flat tyre on the 401',
      );
      expect((await openAlerts()).map((a) => a.id)).toContain(alert.id);

      // Paramedics and leads never see the dispatchers' alerts.
      expect((await paramedic('GET', '/api/alerts')).status).toBe(403);
      expect((await (await app.as('lead'))('GET', '/api/alerts')).status).toBe(403);

      const acknowledged = nextEvent<Alert>(board, 'alert:acknowledged', (a) => a.id === alert.id);
      const bad = await dispatcher('POST', `/api/alerts/not-an-id/ack`, {});
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0].path).toBe('id');
      const ack = await dispatcher('POST', `/api/alerts/${alert.id}/ack`, {});
      expect(ack.status).toBe(200);
      expect(ack.body.alert.acknowledgedAt).toBeTruthy();
      expect((await acknowledged).acknowledgedAt).toBeTruthy();
      expect((await openAlerts()).map((a) => a.id)).not.toContain(alert.id);
      // Twice (another dispatcher, a retry): the first acknowledgement stands, audited once.
      const again = await dispatcher('POST', `/api/alerts/${alert.id}/ack`, {});
      expect(again.body.alert.acknowledgedAt).toBe(ack.body.alert.acknowledgedAt);
      const audits = await app.server.db
        .query('audit_log')
        .where({ action: 'alert:acknowledged', entity_id: created.body.id });
      expect(audits).toHaveLength(1);
      expect(leadSaw).toBe(false);
    } finally {
      board.disconnect();
      lead.disconnect();
    }
  });

  it('raises an alert for a call no unit can take', async () => {
    await app.server.db.query('units').update({ status: 'out_of_service' });
    try {
      const created = await dispatcher('POST', '/api/calls', buildFallCall());
      expect(created.body.proposedUnit).toBeNull();
      const alerts = (await openAlerts()).filter((a) => a.callId === created.body.id);
      expect(alerts).toMatchObject([{ kind: 'no_unit' }]);
      expect(alerts[0]?.message).toMatch(/No CP unit can take fall, 81/);
    } finally {
      await app.server.db.query('units').update({ status: 'available' });
    }
  });

  it('raises an alert when an on-scene re-triage escalates to the ED', async () => {
    const created = await dispatcher('POST', '/api/calls', buildCrisisCall());
    const offered = await dispatcher('POST', `/api/calls/${created.body.id}/dispatch`, {
      unitId: unitIds.cp11,
      overrideReason: 'test: CP-11',
    });
    for (const status of ['accepted', 'en_route', 'on_scene'])
      await paramedic('POST', `/api/assignments/${offered.body.assignment.id}/status`, { status });
    const assessed = await paramedic('POST', `/api/calls/${created.body.id}/assessment`, {
      vitals: { spo2: 84, respiratoryRate: 30 },
    });
    expect(assessed.status).toBe(200);
    expect(assessed.body.escalated).toBe(true);
    expect(assessed.body.alert).toBeUndefined();
    const alerts = (await openAlerts()).filter((a) => a.callId === created.body.id);
    expect(alerts).toMatchObject([{ kind: 'escalation' }]);
    expect(alerts[0]?.message).toContain('CP-11 on scene');
  });
});
