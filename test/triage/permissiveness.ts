/**
 * How permissive a decision is, for the safety properties, and what each answer's reassuring
 * and concerning values are, written from the contract and issue 9 (not from the rules).
 */
import { answerNames } from '../../shared/call-schema.js';
import type { AnswerName, Call } from '../../shared/call-schema.js';
import type { Decision } from '../../shared/decision.js';

/** Answers for which "yes" is the reassuring value; for every other answer "yes" raises concern. */
const yesReassures: AnswerName[] = [
  'conscious',
  'breathingNormally',
  'consentsToAlternate',
  'hasSupportAtHome',
  'ambulatory',
];
export const reassuring = Object.fromEntries(
  answerNames.map((n) => [n, yesReassures.includes(n)]),
) as Record<AnswerName, boolean>;
export const alarming = Object.fromEntries(answerNames.map((n) => [n, !reassuring[n]])) as Record<
  AnswerName,
  boolean
>;

/**
 * Higher is more permissive: the ED as an emergency < the ED, urgent < an urgent alternate <
 * a non-urgent one; among alternates a clinic (the patient travels) above a home visit or the
 * crisis centre; then fewer checks left to confirm on scene.
 */
export function permissiveness(d: Decision): number {
  const tier =
    d.disposition === 'emergency_department'
      ? d.acuity === 'emergency'
        ? 0
        : 1
      : d.acuity === 'urgent'
        ? 2
        : 3;
  const pathway = d.disposition === 'cp_clinic' ? 1 : 0;
  return tier * 100 + pathway * 10 + (9 - Math.min(9, d.checks.length));
}

const universal: AnswerName[] = [
  'conscious',
  'breathingNormally',
  'chestPain',
  'consentsToAlternate',
];
const byComplaint: Partial<Record<Call['complaint'], AnswerName[]>> = {
  mental_health: [
    'suicidePlan',
    'suicideAttempt',
    'homicidalIdeation',
    'weaponsPresent',
    'violent',
    'overdoseSuspected',
    'intoxicated',
    'mentalHealthActApprehension',
  ],
  fall: ['injuryFromFall', 'headInjury', 'longLie'],
  medication_issue: ['overdoseSuspected'],
  minor_injury: ['severeBleeding', 'headInjury'],
};
byComplaint.substance_use = byComplaint.mental_health;

/** The key answers of the call's own pathway (issue 9 items 2 and 3), the conditional ones included. */
export function keyAnswersOf(call: Call): AnswerName[] {
  const keys = [...universal, ...(byComplaint[call.complaint] ?? [])];
  if (call.answers.suicidalIdeation === true) keys.push('suicidePlan', 'suicideAttempt');
  if (call.answers.onAnticoagulants === true) keys.push('headInjury');
  return keys;
}
