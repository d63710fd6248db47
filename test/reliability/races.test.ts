import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitIds } from '../../seeds/ids.js';
import { assessOnScene, buildFallCall } from '../support/calls.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

type As = Awaited<ReturnType<TestApp['as']>>;
const RACERS = 50;
const activeStatuses = ['offered', 'accepted', 'en_route', 'on_scene', 'transporting'];

describe.each(testDialects)('races (%s)', (dialect) => {
  let app: TestApp;
  let dispatcher: As;
  let paramedic1: As;
  let assignmentId: string;
  let winnerCallId: string;

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    dispatcher = await app.as('dispatcher');
    paramedic1 = await app.as('paramedic1');
  });
  afterAll(() => app?.stop());

  it(`${RACERS} concurrent dispatches of one unit: exactly one 201, the rest 409, one active assignment`, async () => {
    const callIds: string[] = [];
    // Created in small batches: the race under test is the dispatch, not the intake.
    for (let i = 0; i < RACERS; i += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, () =>
          dispatcher('POST', '/api/calls', buildFallCall({ notes: 'race' })),
        ),
      );
      for (const res of batch) {
        expect(res.status).toBe(201);
        callIds.push(res.body.id);
      }
    }

    const answers = await Promise.all(
      callIds.map((id) =>
        dispatcher('POST', `/api/calls/${id}/dispatch`, {
          unitId: unitIds.cp11,
          overrideReason: 'race test',
        }),
      ),
    );
    const won = answers.filter((a) => a.status === 201);
    expect(won).toHaveLength(1);
    const lost = answers.filter((a) => a.status !== 201);
    expect(lost.map((a) => `${a.status} ${a.body.error?.code}`)).toEqual(
      Array.from({ length: RACERS - 1 }, () => '409 unit_unavailable'),
    );
    assignmentId = won[0]?.body.assignment.id;
    winnerCallId = won[0]?.body.assignment.callId;

    const db = app.server.db.query;
    const active = await db('assignments')
      .where({ unit_id: unitIds.cp11 })
      .whereIn('status', activeStatuses);
    expect(active.map((a) => a.id)).toEqual([assignmentId]);
    // The losers left nothing behind: their calls are still pending, with no assignment or dispatch audit.
    const statuses = await db('calls').whereIn('id', callIds).select('id', 'status');
    for (const call of statuses)
      expect(call.status).toBe(call.id === winnerCallId ? 'offered' : 'pending');
    expect(await db('assignments').whereIn('call_id', callIds)).toHaveLength(1);
    const dispatched = await db('audit_log')
      .whereIn('entity_id', callIds)
      .where('action', 'like', 'call:dispatched%');
    expect(dispatched.map((a) => a.entity_id)).toEqual([winnerCallId]);
    const unit = await db('units').where({ id: unitIds.cp11 }).first();
    expect(unit.status).toBe('offered');
  });

  it(`${RACERS} concurrent status changes of one assignment: every legal step exactly once, in order`, async () => {
    expect(assignmentId).toBeDefined();
    const change = (body: object) =>
      paramedic1('POST', `/api/assignments/${assignmentId}/status`, body);

    const accepts = await Promise.all(
      Array.from({ length: RACERS }, () => change({ status: 'accepted' })),
    );
    expect(accepts.filter((a) => a.status === 200)).toHaveLength(1);
    expect(
      accepts.filter((a) => a.status === 409 && a.body.error.code === 'invalid_transition'),
    ).toHaveLength(RACERS - 1);

    // Recorded before the race: completing needs an on-scene assessment (issue 11).
    await assessOnScene(paramedic1, winnerCallId);
    // Then the later steps all at once, interleaved. Each round makes at least
    // one step (its request for the next legal status is in the mix), so three
    // rounds at most reach completed.
    const mix = [
      { status: 'en_route' },
      { status: 'on_scene' },
      { status: 'completed', outcome: 'treated_in_place' },
    ];
    const succeeded: string[] = [];
    for (let round = 0; round < 3 && !succeeded.includes('completed'); round++) {
      const answers = await Promise.all(
        Array.from({ length: RACERS }, (_, i) => change(mix[i % mix.length] ?? {})),
      );
      for (const a of answers) {
        if (a.status === 200) succeeded.push(a.body.assignment.status);
        else expect(`${a.status} ${a.body.error?.code}`).toBe('409 invalid_transition');
      }
    }
    expect([...succeeded].sort()).toEqual(['completed', 'en_route', 'on_scene']);

    const db = app.server.db.query;
    const row = await db('assignments').where({ id: assignmentId }).first();
    expect(row.status).toBe('completed');
    expect(row.transporting_at).toBeNull();
    const times = [
      row.offered_at,
      row.accepted_at,
      row.en_route_at,
      row.on_scene_at,
      row.completed_at,
    ] as Date[];
    const order = times.map((t) => t.toISOString());
    expect(order, 'offered ≤ accepted ≤ en route ≤ on scene ≤ completed').toEqual(
      [...order].sort(),
    );

    const audited = await db('audit_log')
      .where({ entity_id: winnerCallId })
      .where('action', 'like', 'assignment:%')
      .orderBy('id');
    expect(audited.map((a) => `${a.details.from}→${a.details.to}`)).toEqual([
      'offered→accepted',
      'accepted→en_route',
      'en_route→on_scene',
      'on_scene→completed',
    ]);
    expect((await db('calls').where({ id: winnerCallId }).first()).status).toBe('completed');
    expect((await db('units').where({ id: unitIds.cp11 }).first()).status).toBe('available');
  });
});
