import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallSchema } from '../../shared/call-schema.js';
import { createTriageEngine } from '../../server/triage/engine.js';
import type { TriageEngine } from '../../server/triage/engine.js';
import { callArbitrary } from './call-arbitrary.js';
import { referenceDecide } from './reference.js';

let engine: TriageEngine;
beforeAll(async () => {
  engine = await createTriageEngine();
});

describe('rule files agree with the reference implementation', () => {
  it('on 10,000 generated calls: disposition, acuity, missing and NEWS2', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(callArbitrary, async (call) => {
        const decision = await engine.decide(call);
        const reference = referenceDecide(call);
        expect({
          disposition: decision.disposition,
          acuity: decision.acuity,
          missing: [...decision.missing].sort(),
          checks: decision.checks.map((c) => c.id).sort(),
          news2: decision.news2.score,
        }).toEqual({
          disposition: reference.disposition,
          acuity: reference.acuity,
          missing: [...reference.missing].sort(),
          checks: reference.checks,
          news2: reference.news2,
        });
        seen.add(`${decision.disposition}/${decision.acuity}/${decision.missing.length > 0}`);
        for (const check of decision.checks) seen.add(`check:${check.id}`);
      }),
      { numRuns: 10_000, seed: 3 },
    );
    // The generator reaches every kind of outcome, so agreement is not vacuous.
    expect([...seen].sort()).toEqual([
      'check:crisis-centre-medical-clearance',
      'check:home-support',
      'cp_clinic/non_urgent/false',
      'crisis_centre/non_urgent/false',
      'crisis_centre/urgent/false',
      'emergency_department/emergency/false',
      'emergency_department/urgent/false',
      'emergency_department/urgent/true',
      'home_visit/non_urgent/false',
      'home_visit/urgent/false',
    ]);
  });

  it('generates only valid calls, already in their parsed form', () => {
    fc.assert(
      fc.property(callArbitrary, (call) => {
        expect(CallSchema.parse(call)).toEqual(call);
      }),
      { numRuns: 2_000 },
    );
  });
});
