import type { Acuity, AnswerName } from './call-schema.js';
import { acuities } from './call-schema.js';
import type { Decision, News2, Reason } from './decision.js';
import { stages } from './rule-files.js';
import type { LoadedRule } from './rule-files.js';

/**
 * Turns the rules that fired into a Decision. Shared by json-rules-engine (engine.ts) and the
 * compiled evaluator so the two can only differ in which rules fire, never in what that means.
 */

/** Used when nothing fires: cannot happen with complete rules, and must never mean "alternate". */
const noRuleMatched: Reason = {
  rule: 'no-rule-matched',
  message: 'No rule matched this call, so it goes to the emergency department to be safe.',
};
const conflictingPathways: Reason = {
  rule: 'conflicting-pathways',
  message:
    'The rules offered more than one pathway, so the call goes to the emergency department to be safe.',
};

/** `fired` in rule-set order; only the earliest stage among them decides. */
export function decisionFrom(
  fired: readonly LoadedRule[],
  missingBySet: ReadonlyMap<string, AnswerName[]>,
  news2: News2,
  ruleSetVersion: string,
): Decision {
  const toHospital = (acuity: Acuity, reasons: Reason[], missing: AnswerName[] = []): Decision => ({
    disposition: 'emergency_department',
    acuity,
    reasons,
    missing,
    checks: [],
    ruleSetVersion,
    news2,
  });
  const stage = stages.find((s) => fired.some((r) => r.stage === s));
  const deciding = fired.filter((r) => r.stage === stage);
  const reasons: Reason[] = deciding.map((r) => ({ rule: r.id, message: r.description }));
  const first = deciding[0];
  if (!first) return toHospital('urgent', [noRuleMatched]);

  if (stage === 'pathway') {
    if (deciding.some((r) => r.disposition !== first.disposition))
      return toHospital('urgent', [...reasons, conflictingPathways]);
    const { disposition, acuity } = first;
    return { disposition, acuity, reasons, missing: [], checks: [], ruleSetVersion, news2 };
  }

  const missing = new Set<AnswerName>();
  if (stage === 'missing_answers') {
    for (const rule of deciding)
      for (const name of missingBySet.get(rule.keyAnswers ?? '') ?? []) missing.add(name);
  }
  return toHospital(mostSevere(deciding.map((r) => r.acuity)), reasons, [...missing]);
}

function mostSevere(values: Acuity[]): Acuity {
  return acuities.find((a) => values.includes(a)) ?? 'urgent';
}
