import type { Acuity, AnswerName, Vitals } from '../../shared/call-schema.js';
import { acuities } from '../../shared/call-schema.js';
import type { Check, Decision, Reason } from '../../shared/decision.js';
import type { DerivedFacts } from './facts.js';
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

const vitalLabels: Record<keyof Vitals, string> = {
  heartRate: 'heart rate',
  respiratoryRate: 'respiratory rate',
  systolicBP: 'systolic blood pressure',
  spo2: 'SpO2',
  temperature: 'temperature',
  gcs: 'GCS',
  bloodGlucose: 'blood glucose',
};

/** A notes rule's reasons: one per phrase found, quoting it and naming what to ask again. */
function notesReasons(rule: LoadedRule, derived: DerivedFacts): Reason[] {
  const found = derived.notes.filter((m) => m.severity === rule.quotesNotes);
  if (found.length === 0) return [{ rule: rule.id, message: rule.description }];
  return found.map((m) => ({
    rule: rule.id,
    message: `The notes say "${m.quote}" (${m.meaning}): ask again about ${m.ask.join(', ')}. ${rule.description}`,
  }));
}

function reasonsOf(rule: LoadedRule, derived: DerivedFacts): Reason[] {
  return rule.quotesNotes
    ? notesReasons(rule, derived)
    : [{ rule: rule.id, message: rule.description }];
}

function checkOf(rule: LoadedRule, derived: DerivedFacts): Check {
  let message = rule.description;
  if (rule.modifier?.listsMissingVitals && derived.missingVitals.length > 0)
    message += ` Not yet measured: ${derived.missingVitals.map((v) => vitalLabels[v]).join(', ')}.`;
  return { id: rule.modifier?.check ?? rule.id, message };
}

/** `fired` in rule-set order; only the earliest stage among them decides. */
export function decisionFrom(
  fired: readonly LoadedRule[],
  derived: DerivedFacts,
  ruleSetVersion: string,
): Decision {
  const { news2 } = derived;
  const toHospital = (acuity: Acuity, reasons: Reason[], missing: AnswerName[] = []): Decision => ({
    disposition: 'emergency_department',
    acuity,
    reasons,
    missing,
    checks: [],
    ruleSetVersion,
    news2,
  });
  const deciders = fired.filter((r) => !r.modifier);
  const stage = stages.find((s) => deciders.some((r) => r.stage === s));
  const deciding = deciders.filter((r) => r.stage === stage);
  const reasons: Reason[] = deciding.flatMap((r) => reasonsOf(r, derived));
  const first = deciding[0];
  if (!first) return toHospital('urgent', [noRuleMatched]);

  if (stage === 'pathway') {
    if (deciding.some((r) => r.disposition !== first.disposition))
      return toHospital('urgent', [...reasons, conflictingPathways]);
    const { disposition } = first;
    let acuity: Acuity = first.acuity;
    const checks: Check[] = [];
    for (const rule of fired) {
      if (!rule.modifier?.appliesTo.includes(disposition)) continue;
      reasons.push({ rule: rule.id, message: rule.description });
      if (rule.modifier.type === 'urgent') acuity = 'urgent';
      else checks.push(checkOf(rule, derived));
    }
    return { disposition, acuity, reasons, missing: [], checks, ruleSetVersion, news2 };
  }

  const missing = new Set<AnswerName>();
  if (stage === 'missing_answers') {
    for (const rule of deciding)
      for (const name of derived.missingFor(rule.keyAnswers ?? '')) missing.add(name);
  }
  return toHospital(mostSevere(deciding.map((r) => r.acuity)), reasons, [...missing]);
}

function mostSevere(values: Acuity[]): Acuity {
  return acuities.find((a) => values.includes(a)) ?? 'urgent';
}
