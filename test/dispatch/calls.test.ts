import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { destinationIds, unitIds } from '../../seeds/ids.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import {
  buildChestPainCall,
  buildCrisisCall,
  buildFallCall,
  connected,
  nextEvent,
} from '../support/calls.js';

describe.each(testDialects)('calls (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('stores, triages and matches a crisis call: crisis centre and the nearest mental-health unit', async () => {
    const dispatcher = await app.as('dispatcher');
    const res = await dispatcher('POST', '/api/calls', buildCrisisCall());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'pending',
      triage: { disposition: 'crisis_centre', acuity: 'non_urgent', missing: [] },
      destination: { id: destinationIds.crisisCentre, type: 'crisis_centre' },
      proposedUnit: { id: unitIds.cp11, callSign: 'CP-11' },
    });
    expect(res.body.destination.distanceKm).toBeGreaterThan(0);
    expect(res.body.destination.reason).toBeTruthy();
    expect(res.body.proposedUnit.etaMinutes).toBeGreaterThanOrEqual(1);
  });

  it('gives a home visit no destination, and an ED call the nearest ED', async () => {
    const dispatcher = await app.as('dispatcher');
    const fall = await dispatcher('POST', '/api/calls', buildFallCall());
    expect(fall.status).toBe(201);
    expect(fall.body.triage.disposition).toBe('home_visit');
    expect(fall.body.destination).toBeNull();
    expect(fall.body.proposedUnit).not.toBeNull();
    const chest = await dispatcher('POST', '/api/calls', buildChestPainCall());
    expect(chest.body.triage).toMatchObject({
      disposition: 'emergency_department',
      acuity: 'emergency',
    });
    expect(chest.body.destination.type).toBe('emergency_department');
  });

  it('answers a new call exactly as it reads back: every pathway, a repeat, no unit', async () => {
    // The intake presents the call from the rows it stored rather than reading them back;
    // the board, the push and the detail view must not tell the two apart.
    const dispatcher = await app.as('dispatcher');
    const readBack = async (created: { status: number; body: Record<string, unknown> }) => {
      expect(created.status).toBe(201);
      const { carePlan: _plan, possibleDuplicates: _dups, ...view } = created.body;
      const detail = await dispatcher('GET', `/api/calls/${String(view.id)}`);
      const { decisions: _d, assignments: _a, timeline: _t, ...stored } = detail.body;
      expect(view).toEqual(stored);
      return view;
    };
    const key = `read-back-${dialect}`;
    await readBack(
      await dispatcher(
        'POST',
        '/api/calls',
        buildCrisisCall({ patient: { age: 34, sex: 'female', key } }),
      ),
    );
    const repeat = await readBack(
      await dispatcher(
        'POST',
        '/api/calls',
        buildCrisisCall({ patient: { age: 34, sex: 'female', key } }),
      ),
    );
    expect(repeat.repeatCalls).toBe(1);
    expect(repeat.proposedUnit).not.toBeNull();
    const fall = await readBack(
      await dispatcher(
        'POST',
        '/api/calls',
        buildFallCall({ receivedAt: new Date(Date.now() - 60_000).toISOString() }),
      ),
    );
    expect(fall.destination).toBeNull();
    const chest = await readBack(await dispatcher('POST', '/api/calls', buildChestPainCall()));
    expect(chest).toMatchObject({ proposedUnit: null, disposition: 'emergency_department' });
    await app.server.db.query('units').update({ status: 'out_of_service' });
    try {
      const unmet = await readBack(await dispatcher('POST', '/api/calls', buildCrisisCall()));
      expect(unmet.proposedUnit).toBeNull();
    } finally {
      await app.server.db.query('units').update({ status: 'available' });
    }
  });

  it('requires a location and rejects unknown fields, naming them', async () => {
    const dispatcher = await app.as('dispatcher');
    const { location: _none, ...withoutLocation } = buildFallCall();
    const res = await dispatcher('POST', '/api/calls', { ...withoutLocation, extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_call');
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'extra',
      'location',
    ]);
  });

  it('falls back to the ED when the crisis centre is at red capacity, and records the near miss', async () => {
    const lead = await app.as('lead');
    const dispatcher = await app.as('dispatcher');
    expect(
      (
        await lead('PUT', `/api/destinations/${destinationIds.crisisCentre}/capacity`, {
          capacity: 'red',
        })
      ).status,
    ).toBe(200);
    try {
      const res = await dispatcher('POST', '/api/calls', buildCrisisCall());
      expect(res.body.triage.disposition).toBe('crisis_centre');
      expect(res.body.disposition).toBe('emergency_department');
      expect(res.body.destination.type).toBe('emergency_department');
      expect(res.body.destination.reason).toMatch(/crisis centre/i);
      const misses = await app.server.db
        .query('destination_near_misses')
        .where({ call_id: res.body.id });
      expect(misses).toEqual([
        expect.objectContaining({
          destination_id: destinationIds.crisisCentre,
          failed_criterion: 'capacity_red',
        }),
      ]);
    } finally {
      await lead('PUT', `/api/destinations/${destinationIds.crisisCentre}/capacity`, {
        capacity: 'green',
      });
    }
  });

  it('lists the queue by status and shows one call with its timeline', async () => {
    const dispatcher = await app.as('dispatcher');
    const created = await dispatcher('POST', '/api/calls', buildFallCall({ notes: 'queue test' }));
    const queue = await dispatcher('GET', '/api/calls?status=pending');
    expect(queue.status).toBe(200);
    expect(queue.body.every((c: { status: string }) => c.status === 'pending')).toBe(true);
    expect(queue.body.map((c: { id: string }) => c.id)).toContain(created.body.id);
    expect((await dispatcher('GET', '/api/calls?status=bogus')).status).toBe(400);
    const detail = await dispatcher('GET', `/api/calls/${created.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.notes).toBe('queue test');
    expect(detail.body.decisions).toHaveLength(1);
    expect(detail.body.timeline.map((t: { action: string }) => t.action)).toEqual(['call:created']);
    const viewed = await app.server.db
      .query('audit_log')
      .where({ action: 'call:viewed', entity_id: created.body.id });
    expect(viewed).toHaveLength(1);
  });

  it('shows leads the board without who the patient is', async () => {
    const dispatcher = await app.as('dispatcher');
    const created = await dispatcher(
      'POST',
      '/api/calls',
      buildCrisisCall({ notes: 'private note' }),
    );
    const lead = await app.as('lead');
    const detail = await lead('GET', `/api/calls/${created.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.notes).toBeNull();
    expect(detail.body.patient.key).toBeNull();
    expect(detail.body.location.address).toBeNull();
    expect(detail.body.location.lat).toBe(42.98);
    expect((await lead('POST', '/api/calls', buildFallCall())).status).toBe(403);
  });

  it('keeps calls from paramedics whose unit was not assigned them', async () => {
    const dispatcher = await app.as('dispatcher');
    const created = await dispatcher('POST', '/api/calls', buildFallCall());
    const paramedic = await app.as('paramedic2');
    expect((await paramedic('GET', `/api/calls/${created.body.id}`)).status).toBe(403);
    const list = await paramedic('GET', '/api/calls');
    expect(list.body.map((c: { id: string }) => c.id)).not.toContain(created.body.id);
    expect((await paramedic('POST', '/api/calls', buildFallCall())).status).toBe(403);
  });

  it('pushes call:created to the dispatch room, not to paramedics', async () => {
    const board = await connected(app.socket(await app.tokenFor('dispatcher')));
    const unit = await connected(app.socket(await app.tokenFor('paramedic1')));
    let paramedicSaw = false;
    unit.on('call:created', () => (paramedicSaw = true));
    const dispatcher = await app.as('dispatcher');
    const pushed = nextEvent<{ id: string; notes: string }>(
      board,
      'call:created',
      (c) => c.notes === 'push test',
    );
    const created = await dispatcher('POST', '/api/calls', buildFallCall({ notes: 'push test' }));
    expect((await pushed).id).toBe(created.body.id);
    await new Promise((r) => setTimeout(r, 200));
    expect(paramedicSaw).toBe(false);
  });
});
