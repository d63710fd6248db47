import type { TriageEngine } from './engine.js';
import type { RuleSet } from './rule-files.js';

export interface ExampleOutcome {
  rule: string;
  file: string;
  example: string;
  ok: boolean;
  /** Why it failed, in words; empty when ok. */
  problems: string[];
}

/**
 * Runs every rule's own examples through the engine. An example passes when its rule
 * is among the reasons (it fired and decided) and the disposition, acuity and, when
 * given, the missing answers and the checks are the ones it expects.
 */
export async function runRuleExamples(
  ruleSet: RuleSet,
  engine: TriageEngine,
): Promise<ExampleOutcome[]> {
  const outcomes: ExampleOutcome[] = [];
  for (const rule of ruleSet.rules) {
    for (const [index, example] of rule.examples.entries()) {
      const decision = await engine.decide(example.call);
      const problems: string[] = [];
      if (!decision.reasons.some((r) => r.rule === rule.id))
        problems.push(
          `rule did not decide (reasons: ${decision.reasons.map((r) => r.rule).join(', ')})`,
        );
      const { disposition, acuity, missing, checks } = example.expect;
      if (decision.disposition !== disposition)
        problems.push(`disposition ${decision.disposition}, expected ${disposition}`);
      if (decision.acuity !== acuity)
        problems.push(`acuity ${decision.acuity}, expected ${acuity}`);
      if (missing && [...decision.missing].sort().join() !== [...missing].sort().join())
        problems.push(`missing [${decision.missing.join(', ')}], expected [${missing.join(', ')}]`);
      const checkIds = decision.checks.map((c) => c.id).sort();
      if (checks && checkIds.join() !== [...checks].sort().join())
        problems.push(`checks [${checkIds.join(', ')}], expected [${checks.join(', ')}]`);
      outcomes.push({
        rule: rule.id,
        file: rule.file,
        example: example.name ?? `examples[${index}]`,
        ok: problems.length === 0,
        problems,
      });
    }
  }
  return outcomes;
}
