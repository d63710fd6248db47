/** Urgent before non-urgent: the unit proposal (issue 9, item 7). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';
import { buildFallCall } from '../support/calls.js';

type As = Awaited<ReturnType<TestApp['as']>>;

describe.each(testDialects)('urgent calls first in the unit proposal (%s)', (dialect) => {
  let app: TestApp;
  let dispatcher: As;
  const urgentFall = () => buildFallCall(); // on the floor now: an urgent home visit
  const routineFall = () =>
    buildFallCall({ answers: { ...buildFallCall().answers, unableToGetUp: false } });

  beforeAll(async () => {
    app = await bootTestApp(dialect);
    dispatcher = await app.as('dispatcher');
  });
  afterAll(() => app?.stop());

  it('does not propose to a non-urgent call the unit an urgent call is waiting for, and does the reverse', async () => {
    const urgent = await dispatcher('POST', '/api/calls', urgentFall());
    expect(urgent.body.triage).toMatchObject({ disposition: 'home_visit', acuity: 'urgent' });
    const routine = await dispatcher('POST', '/api/calls', routineFall());
    expect(routine.body.triage).toMatchObject({ disposition: 'home_visit', acuity: 'non_urgent' });
    expect(urgent.body.proposedUnit?.id).toBeDefined();
    expect(routine.body.proposedUnit?.id).not.toBe(urgent.body.proposedUnit.id);

    // A second urgent call may still be proposed the unit held for the routine one.
    const second = await dispatcher('POST', '/api/calls', urgentFall());
    expect(second.body.proposedUnit?.id).not.toBe(urgent.body.proposedUnit.id);
    if (routine.body.proposedUnit)
      expect(second.body.proposedUnit?.id).toBe(routine.body.proposedUnit.id);
  });
});
