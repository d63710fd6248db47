import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCrisisCall, connected } from '../support/calls.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

const valueOf = (text: string, series: string) => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe.each(testDialects)('GET /metrics (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect, { env: { METRICS_PORT: '0' } });
  });
  afterAll(() => app?.stop());

  it('is for admins only on the main port', async () => {
    expect((await app.request('GET', '/metrics')).status).toBe(401);
    const lead = await app.request('GET', '/metrics', { token: await app.tokenFor('lead') });
    expect(lead.status).toBe(403);
  });

  it('counts calls, rules, offers, outcomes, sockets, pool, replays and routes', async () => {
    const dispatcher = await app.as('dispatcher');
    await connected(app.socket(await app.tokenFor('dispatcher')));
    const call = (await dispatcher('POST', '/api/calls', buildCrisisCall())).body;
    expect(call.triage.disposition).toBe('crisis_centre');
    const offer = await dispatcher('POST', `/api/calls/${call.id}/dispatch`, {});
    expect(offer.status).toBe(201);
    const paramedic = await app.as('paramedic1');
    const accepted = await paramedic(
      'POST',
      `/api/assignments/${offer.body.assignment.id}/status`,
      {
        status: 'accepted',
      },
    );
    expect(accepted.status).toBe(200);
    await dispatcher('GET', `/api/calls/${call.id}`);
    await app.server.app.eventsFlushed();

    const res = await app.request('GET', '/metrics', { token: await app.tokenFor('admin') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = res.body as string;
    expect(valueOf(text, 'altpath_calls_total{disposition="crisis_centre"}')).toBe(1);
    const rule = call.triage.reasons[0].rule as string;
    expect(text).toContain(
      `altpath_decision_rules_total{rule="${rule}",disposition="crisis_centre"}`,
    );
    expect(valueOf(text, 'altpath_offers_total{disposition="crisis_centre"}')).toBe(1);
    expect(valueOf(text, 'altpath_offer_outcomes_total{outcome="accepted"}')).toBe(1);
    expect(valueOf(text, 'altpath_sockets{role="dispatcher"}')).toBe(1);
    expect(text).toMatch(/altpath_db_pool_connections\{state="used"\} \d+/);
    expect(valueOf(text, 'altpath_replay_jobs{status="queued"}')).toBe(0);
    expect(valueOf(text, 'altpath_event_delivery_lag_seconds_count')).toBeGreaterThan(0);
    // Route patterns, never raw URLs (ids would make a series per call).
    expect(text).toContain(
      'altpath_http_request_duration_seconds_count{method="GET",route="/api/calls/:id",status="2xx"} 1',
    );
    expect(text).not.toContain(call.id);
  });

  it('serves the same metrics without a session on METRICS_PORT', async () => {
    const port = app.server.metricsPort;
    expect(port).toBeGreaterThan(0);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('altpath_calls_total');
  });
});
