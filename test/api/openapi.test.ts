import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../../server/openapi/openapi-document.js';
import { describedRoutes } from '../../server/http/route-docs.js';
import { buildCrisisCall } from '../support/calls.js';
import { discoverRoutes } from '../security/routes.js';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type DemoUser, type TestApp } from '../support/test-app.js';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
  components: { schemas: Record<string, unknown> };
};

describe.each(testDialects)('the OpenAPI description (%s)', (dialect) => {
  let app: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
    const res = await app.request('GET', '/api/openapi.json', {
      token: await app.tokenFor('paramedic1'),
    });
    expect(res.status).toBe(200);
    doc = res.body as Doc;
  });
  afterAll(() => app?.stop());

  it('describes every route the app answers, and no route it does not', () => {
    const answered = discoverRoutes(app.server.app.express);
    expect(answered.length).toBeGreaterThan(20);
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const missing = answered.filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return !documented.includes(`${method} ${openApiPath(path)}`);
    });
    // A route listed here needs a describeRoute(...) beside it (README, "API description").
    expect(missing).toEqual([]);
    const answeredOpenApi = answered.map((r) => {
      const [method, path] = r.split(' ') as [string, string];
      return `${method} ${openApiPath(path)}`;
    });
    expect(documented.filter((route) => !answeredOpenApi.includes(route))).toEqual([]);
  });

  it('is OpenAPI 3.1 with the error shape on every operation', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas.ErrorResponse).toBeDefined();
    for (const [path, item] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(item)) {
        const statuses = Object.keys(operation.responses);
        expect(
          statuses.some((s) => s.startsWith('2')),
          `${method} ${path}`,
        ).toBe(true);
        expect(statuses, `${method} ${path}`).toContain('500');
      }
    expect(Object.keys(doc.paths['/api/calls/{id}']!.get!.responses)).toEqual(
      expect.arrayContaining(['200', '400', '401', '403', '404']),
    );
  });

  it('needs a session', async () => {
    expect((await app.request('GET', '/api/openapi.json')).status).toBe(401);
  });

  it('matches what the routes really answer', async () => {
    const schemaFor = (method: string, path: string) => {
      const route = describedRoutes().find((r) => r.method === method && r.path === path);
      if (!route?.doc.response.schema) throw new Error(`${method} ${path} has no response schema`);
      return route.doc.response.schema;
    };
    const check = async (
      user: DemoUser,
      method: string,
      url: string,
      path = url,
      body?: unknown,
    ) => {
      const res = await (await app.as(user))(method.toUpperCase(), url, body);
      expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      const parsed = schemaFor(method, path).safeParse(res.body);
      expect(parsed.error?.issues ?? [], `${method} ${url}`).toEqual([]);
      return res.body as { id?: string };
    };
    const call = await check('dispatcher', 'post', '/api/calls', '/api/calls', buildCrisisCall());
    await check('dispatcher', 'get', `/api/calls/${call.id}`, '/api/calls/:id');
    // Offered to a unit, the crisis call becomes a referral to its site: one to check.
    const path = '/api/calls/:id/dispatch';
    await check('dispatcher', 'post', `/api/calls/${call.id}/dispatch`, path, {});
    const referrals = await check('dispatcher', 'get', '/api/referrals');
    expect(referrals).toEqual(
      expect.arrayContaining([expect.objectContaining({ callId: call.id })]),
    );
    await check('lead', 'get', '/api/referrals');
    await check('dispatcher', 'get', '/api/calls');
    await check('lead', 'get', '/api/calls');
    await check('dispatcher', 'post', '/api/triage', '/api/triage', buildCrisisCall());
    for (const path of ['/api/me', '/api/units', '/api/destinations', '/api/client-config'])
      await check('admin', 'get', path);
    for (const path of ['/api/sessions', '/api/audit', '/api/users'])
      await check('admin', 'get', path);
    for (const path of ['/api/stats/summary', '/api/stats/timeseries', '/api/stats/recontacts'])
      await check('lead', 'get', path);
    await check('lead', 'get', '/api/stats/missed-opportunities');
    await check('lead', 'get', '/api/stats/care-plans');
    await check('lead', 'get', '/api/stats/referrals');
    await check('lead', 'get', '/api/proactive/frequent-callers');
    await check('dispatcher', 'get', '/api/visits');
    await check('dispatcher', 'get', '/api/alerts');
    await check('paramedic1', 'get', '/api/me/assignment');
    for (const path of ['/api/health', '/api/health/live', '/api/health/ready'])
      await check('admin', 'get', path);
    for (const path of ['/fhir/r4/metadata', '/fhir/r4/HealthcareService', '/fhir/r4/Task'])
      await check('crisis', 'get', path);
  });
});
