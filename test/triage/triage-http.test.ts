import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const crisisCall = {
  receivedAt: '2026-11-23T14:05:00Z',
  location: { lat: 42.9849, lng: -81.2453, address: '123 Example St' },
  patient: { age: 34, sex: 'female', key: 'p-1' },
  complaint: 'mental_health',
  answers: {
    conscious: true,
    breathingNormally: true,
    chestPain: false,
    consentsToAlternate: true,
    suicidalIdeation: true,
    suicidePlan: false,
    suicideAttempt: false,
    homicidalIdeation: false,
    weaponsPresent: false,
    violent: false,
    overdoseSuspected: false,
    intoxicated: false,
    mentalHealthActApprehension: false,
  },
  vitals: { heartRate: 88, systolicBP: 128 },
  notes: 'free text',
};

describe('POST /api/triage (the contract over HTTP)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp('pglite');
  });
  afterAll(() => app?.stop());

  it('answers a decision with reasons, missing and the rule-set version', async () => {
    const as = await app.as('dispatcher');
    const res = await as('POST', '/api/triage', crisisCall);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      disposition: 'crisis_centre',
      acuity: 'non_urgent',
      missing: [],
    });
    expect(res.body.reasons.map((r: { rule: string }) => r.rule)).toContain(
      'mha-crisis-centre-eligible',
    );
    expect(res.body.ruleSetVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('sends an unknown key answer to the ED and says what to ask', async () => {
    const as = await app.as('paramedic1');
    const { breathingNormally: _omitted, ...answers } = crisisCall.answers;
    const res = await as('POST', '/api/triage', { ...crisisCall, answers });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      disposition: 'emergency_department',
      acuity: 'urgent',
      missing: ['breathingNormally'],
    });
  });

  it('answers an invalid call with invalid_call naming each field, extra fields included', async () => {
    const as = await app.as('admin');
    const res = await as('POST', '/api/triage', {
      ...crisisCall,
      patient: { age: 130 },
      answers: { conscious: 'yes' },
      vitals: { spo2: 140 },
      surprise: true,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_call');
    const paths = res.body.error.issues.map((i: { path: string }) => i.path).sort();
    expect(paths).toEqual(['answers.conscious', 'patient.age', 'surprise', 'vitals.spo2']);
    expect(res.body.requestId).toBeTruthy();
  });

  it('refuses a key given twice, at any depth, naming it (never "the last one wins")', async () => {
    const token = await app.tokenFor('dispatcher');
    const body = JSON.stringify(crisisCall)
      .replace('"chestPain":false', '"chestPain":true,"chestPain":false')
      .replace('"age":34', '"age":34,"age":34');
    const res = await app.request('POST', '/api/triage', { token, rawBody: body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_call');
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'answers.chestPain',
      'patient.age',
    ]);
    const top = await app.request('POST', '/api/calls', {
      token,
      rawBody: JSON.stringify(crisisCall).replace('{', '{"complaint":"fall",'),
    });
    expect(top.status).toBe(400);
    expect(top.body.error).toMatchObject({ code: 'invalid_call', issues: [{ path: 'complaint' }] });
    // The same key spelt with a JSON escape is the same key.
    const escaped = await app.request('POST', '/api/triage', {
      token,
      rawBody: JSON.stringify(crisisCall).replace(
        '"chestPain":false',
        '"chestPain":true,"chest\\u0050ain":false',
      ),
    });
    expect(escaped.status).toBe(400);
    expect(escaped.body.error.issues).toMatchObject([{ path: 'answers.chestPain' }]);
  });

  it('accepts every version 1 call and the three version 2 answers', async () => {
    const as = await app.as('dispatcher');
    const res = await as('POST', '/api/triage', {
      ...crisisCall,
      answers: { ...crisisCall.answers, onOxygen: false, spo2Scale2: false, newConfusion: false },
    });
    expect(res.status).toBe(200);
    expect(res.body.checks).toEqual(expect.any(Array));
  });

  it('is for dispatchers, paramedics and admins only', async () => {
    const lead = await app.as('lead');
    expect((await lead('POST', '/api/triage', crisisCall)).status).toBe(403);
    expect((await app.request('POST', '/api/triage', { body: crisisCall })).status).toBe(401);
  });
});
