import { beforeAll, describe, expect, it } from 'vitest';
import { CallSchema } from '../../shared/call-schema.js';
import { createTriageEngine } from '../../server/triage/engine.js';
import type { TriageEngine } from '../../server/triage/engine.js';
import { referenceDecide } from './reference.js';
import { vignetteClasses } from './vignette-kit.js';
import type { Outcome } from './vignette-kit.js';
import { vignettes } from './vignettes.js';

function outcomeOf(d: { disposition: string; acuity: string }): Outcome {
  if (d.disposition !== 'emergency_department') return d.disposition as Outcome;
  return d.acuity === 'emergency' ? 'EMERGENCY' : 'URGENT';
}

let engine: TriageEngine;
beforeAll(async () => {
  engine = await createTriageEngine();
});

describe('vignettes', () => {
  it('has at least 200 calls, uniquely named, each with its source, covering every class', () => {
    expect(vignettes.length).toBeGreaterThanOrEqual(200);
    expect(new Set(vignettes.map((v) => v.name)).size).toBe(vignettes.length);
    for (const v of vignettes) expect(v.source.length, v.name).toBeGreaterThan(5);
    const perClass = new Map(vignetteClasses.map((c) => [c, 0]));
    for (const v of vignettes) perClass.set(v.class, (perClass.get(v.class) ?? 0) + 1);
    for (const [cls, count] of perClass) expect(count, cls).toBeGreaterThanOrEqual(6);
  });

  it.each(vignettes.map((v) => [v.name, v] as const))('%s', async (_name, v) => {
    const call = CallSchema.parse(v.call);
    const decision = await engine.decide(call);
    expect(outcomeOf(decision)).toBe(v.expect);
    if (v.expect !== 'EMERGENCY' && v.expect !== 'URGENT')
      expect(decision.acuity).toBe(v.urgent ? 'urgent' : 'non_urgent');
    expect(decision.reasons.length).toBeGreaterThan(0);
    if (v.missing) expect([...decision.missing].sort()).toEqual([...v.missing].sort());
    if (v.checks) expect(decision.checks.map((c) => c.id).sort()).toEqual([...v.checks].sort());
    if (v.rule) expect(decision.reasons.map((r) => r.rule)).toContain(v.rule);
    if (v.part) expect(decision.news2.parts).toMatchObject({ [v.part[0]]: v.part[1] });
    if (v.news2 !== undefined) expect(decision.news2.score).toBe(v.news2);
    // The reference implementation reads the vignette the same way.
    const reference = referenceDecide(call);
    expect(outcomeOf(reference)).toBe(v.expect);
    expect(reference.acuity).toBe(decision.acuity);
  });
});
