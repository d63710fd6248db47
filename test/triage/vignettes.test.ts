import { beforeAll, describe, expect, it } from 'vitest';
import { CallSchema } from '../../server/triage/call-schema.js';
import { createTriageEngine } from '../../server/triage/engine.js';
import type { TriageEngine } from '../../server/triage/engine.js';
import { referenceDecide } from './reference.js';
import { vignettes } from './vignettes.js';
import type { Outcome } from './vignettes.js';

function outcomeOf(d: { disposition: string; acuity: string }): Outcome {
  if (d.disposition !== 'emergency_department') return d.disposition as Outcome;
  return d.acuity === 'emergency' ? 'EMERGENCY' : 'URGENT';
}

let engine: TriageEngine;
beforeAll(async () => {
  engine = await createTriageEngine();
});

describe('vignettes', () => {
  it('has at least 80 hand-written calls', () => {
    expect(vignettes.length).toBeGreaterThanOrEqual(80);
    expect(new Set(vignettes.map((v) => v.name)).size).toBe(vignettes.length);
  });

  it.each(vignettes.map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const call = CallSchema.parse(v.call);
    const decision = await engine.decide(call);
    expect(outcomeOf(decision)).toBe(v.expect);
    if (v.expect !== 'EMERGENCY' && v.expect !== 'URGENT')
      expect(decision.acuity).toBe('non_urgent');
    expect(decision.reasons.length).toBeGreaterThan(0);
    if (v.missing) expect([...decision.missing].sort()).toEqual([...v.missing].sort());
    if (v.rule) expect(decision.reasons.map((r) => r.rule)).toContain(v.rule);
    if (v.part) expect(decision.news2.parts).toMatchObject({ [v.part[0]]: v.part[1] });
    if (v.news2 !== undefined) expect(decision.news2.score).toBe(v.news2);
    // The reference implementation reads the vignette the same way.
    expect(outcomeOf(referenceDecide(call))).toBe(v.expect);
  });
});
