import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { completeVitalSet } from '../../server/triage/sepsis-and-clearance.js';
import { clearanceRanges, rangeState } from '../../shared/medical-clearance.js';

interface Condition {
  fact?: string;
  operator?: string;
  value?: unknown;
  any?: Condition[];
  all?: Condition[];
}

const exclusions = JSON.parse(
  readFileSync(new URL('../../rules/03-exclusions.json', import.meta.url), 'utf8'),
) as { rules: Array<{ id: string; conditions: Condition }> };
const rules = exclusions.rules;

describe("the crew's clearance checklist", () => {
  it('names the same complete set as the transport gate', () => {
    expect(clearanceRanges.filter((r) => r.required).map((r) => r.vital)).toEqual([
      ...completeVitalSet,
    ]);
  });

  it('holds each range to the rule that sends a patient outside it to the ED', () => {
    const rule = rules.find((r) => r.id === 'crisis-centre-vitals-outside-clearance');
    const outside = rule?.conditions.all?.find((c) => c.any)?.any ?? [];
    const bound = (fact: string, operator: string) =>
      outside.find((c) => c.fact === fact && c.operator === operator)?.value;
    for (const range of clearanceRanges) {
      expect(bound(range.vital, 'lessThan'), `${range.vital} min`).toBe(range.min);
      expect(bound(range.vital, 'greaterThan'), `${range.vital} max`).toBe(range.max);
    }
    expect(outside).toHaveLength(
      clearanceRanges.reduce(
        (n, r) => n + (r.min !== undefined ? 1 : 0) + (r.max !== undefined ? 1 : 0),
        0,
      ),
    );
  });

  it('reads the ranges as closed intervals, and a blank as unmeasured', () => {
    const temperature = clearanceRanges.find((r) => r.vital === 'temperature')!;
    expect(rangeState(temperature, 38.0)).toBe('in_range');
    expect(rangeState(temperature, 38.04)).toBe('outside');
    expect(rangeState(temperature, 36.1)).toBe('in_range');
    expect(rangeState(temperature, undefined)).toBe('unmeasured');
    const spo2 = clearanceRanges.find((r) => r.vital === 'spo2')!;
    expect(rangeState(spo2, 100)).toBe('in_range');
    expect(rangeState(spo2, 93)).toBe('outside');
  });
});
