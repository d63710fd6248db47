import path from 'node:path';
import { Engine } from 'json-rules-engine';
import { projectRoot } from '../config/project-root.js';
import type { Call } from '../../shared/call-schema.js';
import { decisionFrom } from './decision-assembly.js';
import type { Decision } from '../../shared/decision.js';
import { deriveFacts } from './facts.js';
import { loadRuleSet, stages } from './rule-files.js';
import type { LoadedRule, RuleSet } from './rule-files.js';

export interface TriageEngine {
  /** Content hash of the rules in force; every decision carries it. */
  ruleSetVersion: string;
  decide(call: Call): Promise<Decision>;
}

export const defaultRulesDir = `${path.join(projectRoot, 'rules')}${path.sep}`;

/** Reads, validates and compiles the rule files once; the engine is then reused for every call. */
export async function createTriageEngine(
  options: { rulesDir?: string } = {},
): Promise<TriageEngine> {
  return triageEngineFor(await loadRuleSet(options.rulesDir ?? defaultRulesDir));
}

export function triageEngineFor(ruleSet: RuleSet): TriageEngine {
  const engine = new Engine([], { allowUndefinedFacts: true, replaceFactsInEventParams: false });
  const byId = new Map<string, { rule: LoadedRule; order: number }>();
  ruleSet.rules.forEach((rule, order) => {
    byId.set(rule.id, { rule, order });
    engine.addRule({
      name: rule.id,
      // Earlier stages run first; once a stage has a rule that fired, later stages cannot
      // change the outcome, so the run stops (rules of the same stage still all finish).
      priority: stages.length - stages.indexOf(rule.stage),
      conditions: rule.conditions as Parameters<Engine['addRule']>[0]['conditions'],
      // The event is cloned per rule per run, so it carries the id only.
      event: { type: rule.id },
      onSuccess: () => {
        engine.stop();
      },
    });
  });

  // json-rules-engine keeps its run status on the Engine itself, so two overlapping
  // runs would see each other's stop(). Runs are therefore queued; each is CPU-only.
  let queue: Promise<unknown> = Promise.resolve();
  const runSerially = (facts: Record<string, unknown>) => {
    const run = queue.then(() => engine.run(facts));
    queue = run.catch(() => undefined);
    return run;
  };

  async function decide(call: Call): Promise<Decision> {
    const derived = deriveFacts(call, ruleSet);
    const { results } = await runSerially(derived.facts);
    const fired = results
      .map((r) => byId.get(r.name))
      .filter((r) => r !== undefined)
      .sort((a, b) => a.order - b.order)
      .map((r) => r.rule);
    return decisionFrom(fired, derived, ruleSet.version);
  }

  return { ruleSetVersion: ruleSet.version, decide };
}
