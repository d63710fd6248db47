import { Engine } from 'json-rules-engine';
import { beforeAll, describe, expect, it } from 'vitest';
import { CallSchema } from '../../shared/call-schema.js';
import { compileCondition, compileRuleSet } from '../../server/triage/compiled-evaluator.js';
import type { CompiledRuleSet } from '../../server/triage/compiled-evaluator.js';
import { defaultRulesDir, triageEngineFor } from '../../server/triage/engine.js';
import type { TriageEngine } from '../../server/triage/engine.js';
import type { RuleCondition } from '../../server/triage/rule-conditions.js';
import { loadRuleSet } from '../../server/triage/rule-files.js';
import { sampleCalls } from './call-arbitrary.js';
import { vignettes } from './vignettes.js';

const CALLS = 100_000;
// Generated and decided in chunks so memory stays flat; each chunk has its own seed.
const CHUNK = 10_000;

let engine: TriageEngine;
let compiled: CompiledRuleSet;
beforeAll(async () => {
  const ruleSet = await loadRuleSet(defaultRulesDir);
  engine = triageEngineFor(ruleSet);
  compiled = compileRuleSet(ruleSet);
});

describe('the compiled evaluator decides exactly as json-rules-engine', () => {
  it(`on ${CALLS.toLocaleString('en')} generated calls (whole decisions, deep-equal)`, async () => {
    const outcomes = new Map<string, number>();
    let disagreements = 0;
    for (let start = 0; start < CALLS; start += CHUNK) {
      const calls = sampleCalls(CHUNK, 20261123 + start);
      for (const call of calls) {
        const expected = await engine.decide(call);
        const actual = compiled.decide(call);
        // toEqual per call would dominate the run time; compare cheaply, report the first fault.
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          disagreements += 1;
          if (disagreements === 1)
            expect({ call, decision: actual }).toEqual({ call, decision: expected });
        }
        const key = `${expected.disposition}/${expected.acuity}/${expected.missing.length > 0}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
        for (const check of expected.checks)
          outcomes.set(`check:${check.id}`, (outcomes.get(`check:${check.id}`) ?? 0) + 1);
      }
    }
    expect(disagreements).toBe(0);
    // Every kind of outcome is reached often, so agreement is not vacuous.
    expect([...outcomes.keys()].sort()).toEqual([
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
    for (const [key, count] of outcomes)
      expect(count, key).toBeGreaterThan(key.startsWith('crisis_centre/urgent') ? 10 : 500);
  }, 300_000);

  it('on every vignette and every rule example', async () => {
    const ruleSet = await loadRuleSet(defaultRulesDir);
    const calls = [
      ...vignettes.map((v) => CallSchema.parse(v.call)),
      ...ruleSet.rules.flatMap((r) => r.examples.map((e) => e.call)),
    ];
    expect(calls.length).toBeGreaterThan(100);
    for (const call of calls) expect(compiled.decide(call)).toEqual(await engine.decide(call));
  });

  it('gives json-rules-engine’s answer for each operator on present and absent facts', async () => {
    const values: Record<string, unknown>[] = [
      {},
      { x: 5 },
      { x: 4 },
      { x: 6 },
      { x: 0 },
      { x: 'a' },
      { x: true },
    ];
    const conditions: RuleCondition[] = [
      ...(
        [
          'equal',
          'notEqual',
          'lessThan',
          'lessThanInclusive',
          'greaterThan',
          'greaterThanInclusive',
        ] as const
      ).map((operator) => ({ fact: 'x', operator, value: 5 })),
      { fact: 'x', operator: 'equal', value: true },
      { fact: 'x', operator: 'notEqual', value: 'a' },
      { fact: 'x', operator: 'in', value: [5, 'a'] },
      { fact: 'x', operator: 'notIn', value: [5, 'a'] },
      { not: { fact: 'x', operator: 'lessThan', value: 5 } },
      {
        any: [
          { fact: 'x', operator: 'equal', value: 4 },
          { fact: 'y', operator: 'notEqual', value: 1 },
        ],
      },
    ];
    for (const condition of conditions) {
      const jre = new Engine([], { allowUndefinedFacts: true });
      jre.addRule({ conditions: { all: [condition] } as never, event: { type: 'fired' } });
      const test = compileCondition({ all: [condition] });
      for (const facts of values) {
        const { results } = await jre.run(facts);
        expect({ condition, facts, fired: test(facts as never) }).toEqual({
          condition,
          facts,
          fired: results.length === 1,
        });
      }
    }
  });
});
