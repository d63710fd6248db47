import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildReplayHistory, candidateRuleFiles, type ReplayHistory } from './replay-history.js';

type Request = Awaited<ReturnType<TestApp['as']>>;

async function finished(lead: Request, id: string) {
  for (let i = 0; i < 100; i += 1) {
    const res = await lead('GET', `/api/rules/replay/${id}`);
    expect(res.status).toBe(200);
    if (res.body.job.status === 'completed' || res.body.job.status === 'failed')
      return res.body.job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('replay job did not finish');
}

describe.each(testDialects)('POST /api/rules/replay on %s', (dialect) => {
  let app: TestApp;
  let history: ReplayHistory;

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    history = await buildReplayHistory(app);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('runs a background job to completion with progress, stores the report and audits it', async () => {
    const lead = await app.as('lead');
    const res = await lead('POST', '/api/rules/replay', { rules: { files: candidateRuleFiles() } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    expect(res.body.job).toMatchObject({
      status: 'queued',
      progress: { processed: 0, total: 0 },
      result: null,
    });

    const job = await finished(lead, res.body.job.id);
    expect(job).toMatchObject({
      status: 'completed',
      progress: { processed: 8, total: 8 },
      error: null,
    });
    expect(job.result).toMatchObject({
      calls: 8,
      changed: 4,
      projectedDiversion: { before: 0.25, after: 0.75, change: 0.5 },
      matrix: { emergency_department: { home_visit: 4, emergency_department: 2 } },
    });
    expect(
      job.result.safetyWarnings.map((w: { callId: string; reason: string }) => [
        w.callId,
        w.reason,
      ]),
    ).toEqual([
      [history.ids.transported, 'transported_ed'],
      [history.ids.recontacted, 'recontact_72h'],
      [history.ids.crisisTransported, 'transported_ed'],
    ]);

    const audit = await app.server.db
      .query('audit_log')
      .where({ action: 'rules:replay_requested', entity_id: job.id })
      .first();
    expect(audit).toMatchObject({ actor_role: 'lead', entity_type: 'replay_job' });
  });

  it('replays a from/to window for an admin', async () => {
    const admin = await app.as('admin');
    const res = await admin('POST', '/api/rules/replay', {
      rules: { files: candidateRuleFiles() },
      from: '2026-03-02T11:00:00Z',
      to: '2026-03-02T13:00:00Z',
    });
    expect(res.status).toBe(202);
    const job = await finished(admin, res.body.job.id);
    expect(job.params).toMatchObject({
      from: '2026-03-02T11:00:00.000Z',
      to: '2026-03-02T13:00:00.000Z',
    });
    expect(job.result.calls).toBe(2);
  });

  it('answers 400 naming the file, the rule and the path for an invalid candidate rule set', async () => {
    const lead = await app.as('lead');
    const files = candidateRuleFiles();
    const rule = files['05-pathways.json']!.rules[1]! as {
      conditions: { all: Array<{ fact?: string }> };
    };
    rule.conditions.all[0]!.fact = 'favouriteColour';
    const res = await lead('POST', '/api/rules/replay', { rules: { files } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_rules');
    expect(res.body.error.message).toContain(
      '05-pathways.json: rule "fall-home-visit": conditions.all[0].fact: unknown fact "favouriteColour"',
    );
    expect(res.body.error.message).not.toContain(tmpdir());
  });

  it('answers 400 for a malformed request (file names, dates)', async () => {
    const lead = await app.as('lead');
    const traversal = await lead('POST', '/api/rules/replay', {
      rules: { files: { '../../etc/x.json': {} } },
    });
    expect(traversal.status).toBe(400);
    const badDate = await lead('POST', '/api/rules/replay', {
      rules: { files: candidateRuleFiles() },
      from: 'soon',
    });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.issues).toEqual([expect.objectContaining({ path: 'from' })]);
    const unknown = await lead('GET', '/api/rules/replay/00000000-0000-4000-8000-000000000000');
    expect(unknown.status).toBe(404);
  });

  it('is for leads and admins only', async () => {
    const body = { rules: { files: candidateRuleFiles() } };
    for (const user of ['dispatcher', 'paramedic1'] as const) {
      const as = await app.as(user);
      expect((await as('POST', '/api/rules/replay', body)).status).toBe(403);
      expect(
        (await as('GET', '/api/rules/replay/00000000-0000-4000-8000-000000000000')).status,
      ).toBe(403);
    }
    expect((await app.request('POST', '/api/rules/replay', { body })).status).toBe(401);
  });
});
