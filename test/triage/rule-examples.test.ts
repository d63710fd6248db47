import { describe, expect, it } from 'vitest';
import { defaultRulesDir, triageEngineFor } from '../../server/triage/engine.js';
import { runRuleExamples } from '../../server/triage/rule-examples.js';
import { loadRuleSet } from '../../server/triage/rule-files.js';

const ruleSet = await loadRuleSet(defaultRulesDir);
const outcomes = await runRuleExamples(ruleSet, triageEngineFor(ruleSet));

describe('every rule has an example that makes it fire and decide', () => {
  it.each(ruleSet.rules.map((r) => [r.id] as const))('%s', (id) => {
    const own = outcomes.filter((o) => o.rule === id);
    expect(own.length).toBeGreaterThan(0);
    for (const o of own) expect(o.problems, `${o.file}: ${o.example}`).toEqual([]);
  });
});
