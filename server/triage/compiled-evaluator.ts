import type { Call } from '../../shared/call-schema.js';
import { decisionFrom } from './decision-assembly.js';
import type { Decision } from '../../shared/decision.js';
import { deriveFacts } from './facts.js';
import type { FactValue } from './facts.js';
import type { RuleCondition } from './rule-conditions.js';
import { stages } from './rule-files.js';
import type { LoadedRule, RuleSet } from './rule-files.js';

/**
 * The same validated rule files as engine.ts, compiled once into plain closures over the flat
 * facts, for bulk work (what-if replay of a year of calls). json-rules-engine stays the engine
 * of record for live triage; test/triage/compiled-agreement.test.ts proves the two decide alike.
 */
export interface CompiledRuleSet {
  ruleSetVersion: string;
  decide(call: Call): Decision;
}

type Facts = Readonly<Record<string, FactValue | undefined>>;
type Test = (facts: Facts) => boolean;

/**
 * json-rules-engine's numeric operators first run this validator on the fact value; an absent
 * fact (undefined, allowed by `allowUndefinedFacts`) fails it, so every comparison is false.
 */
function numberLike(value: unknown): boolean {
  return Number.parseFloat(value as string).toString() !== 'NaN';
}

/** One fact test, with json-rules-engine's default operator semantics, undefined facts included. */
function compileFactTest(fact: string, operator: string, value: RuleCondition['value']): Test {
  if (operator === 'in' || operator === 'notIn') {
    const list: readonly unknown[] = Array.isArray(value) ? value : [];
    // indexOf, as json-rules-engine uses: strict equality, so an absent fact is never "in".
    return operator === 'in'
      ? (f) => list.indexOf(f[fact]) > -1
      : (f) => list.indexOf(f[fact]) === -1;
  }
  const b = value as FactValue;
  // Numbers are compared directly (NaN fails both the validator and any comparison); anything
  // else goes through the engine's own validator, so the semantics match for every value.
  const numeric = (cmp: (a: number, b: number) => boolean): Test => {
    const n = b as number;
    return (f) => {
      const a = f[fact];
      if (typeof a === 'number') return cmp(a, n);
      if (a === undefined) return false; // what numberLike(undefined) says, without the work
      return numberLike(a) && cmp(a as unknown as number, n);
    };
  };
  switch (operator) {
    case 'equal':
      return (f) => f[fact] === b;
    case 'notEqual':
      // An absent fact is "not equal" to any value, exactly as in json-rules-engine.
      return (f) => f[fact] !== b;
    case 'lessThan':
      return numeric((x, y) => x < y);
    case 'lessThanInclusive':
      return numeric((x, y) => x <= y);
    case 'greaterThan':
      return numeric((x, y) => x > y);
    case 'greaterThanInclusive':
      return numeric((x, y) => x >= y);
    default:
      // The rule-file validator refuses unknown operators; reaching here is a programming error.
      throw new Error(`compiled evaluator: unsupported operator "${operator}"`);
  }
}

/** Walks a validated condition tree once. Condition priority only orders evaluation: ignored. */
export function compileCondition(node: RuleCondition): Test {
  if (node.all) {
    const parts = node.all.map(compileCondition);
    return (f) => {
      for (const part of parts) if (!part(f)) return false;
      return true;
    };
  }
  if (node.any) {
    const parts = node.any.map(compileCondition);
    return (f) => {
      for (const part of parts) if (part(f)) return true;
      return false;
    };
  }
  if (node.not) {
    const inner = compileCondition(node.not);
    return (f) => !inner(f);
  }
  if (node.fact === undefined || node.operator === undefined)
    throw new Error('compiled evaluator: a condition without "fact"/"operator"');
  return compileFactTest(node.fact, node.operator, node.value);
}

interface CompiledRule {
  rule: LoadedRule;
  test: Test;
}

/**
 * Rules grouped by stage, in the clinical order. As with the engine's priorities, the first
 * stage where any rule fires decides, and every rule of that stage is still evaluated.
 */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const byStage: CompiledRule[][] = stages.map((stage) =>
    ruleSet.rules
      .filter((rule) => rule.stage === stage)
      .map((rule) => ({ rule, test: compileCondition(rule.conditions) })),
  );
  const version = ruleSet.version;

  function decide(call: Call): Decision {
    const derived = deriveFacts(call, ruleSet);
    const facts: Facts = derived.facts;
    const fired: LoadedRule[] = [];
    for (const group of byStage) {
      for (const { rule, test } of group) if (test(facts)) fired.push(rule);
      if (fired.length > 0) break;
    }
    return decisionFrom(fired, derived, version);
  }

  return { ruleSetVersion: version, decide };
}
