/**
 * Reference implementation of the clinical specification (issue 3, rule set v1), written
 * from the issue text alone and deliberately not from the rule files, so that the tests
 * can check the two agree. Plain TypeScript, no rules engine.
 */
import type { Acuity, AnswerName, Call, Disposition } from '../../server/triage/call-schema.js';
import { referenceNews2 } from './reference-news2.js';

export interface ReferenceDecision {
  disposition: Disposition;
  acuity: Acuity;
  missing: AnswerName[];
  news2: number;
}

function news2Parts(call: Call): number[] {
  return referenceNews2(call.vitals, call.answers).parts;
}

// --- the specification, in its order: the first step that applies decides ---

const RED_FLAG_COMPLAINTS = [
  'chest_pain',
  'breathing_problem',
  'stroke_symptoms',
  'unconscious',
  'seizure',
  'bleeding',
  'allergic_reaction',
];
const RED_FLAG_IF_TRUE: AnswerName[] = [
  'chestPain',
  'severeBleeding',
  'strokeSigns',
  'seizureNow',
  'anaphylaxis',
  'suicideAttempt',
  'overdoseSuspected',
];
const NO_ALTERNATE_IF_TRUE: AnswerName[] = [
  'mentalHealthActApprehension',
  'weaponsPresent',
  'violent',
  'homicidalIdeation',
  'suicidePlan',
  'intoxicated',
];
const FALL_NO_ALTERNATE_IF_TRUE: AnswerName[] = ['injuryFromFall', 'headInjury', 'longLie'];

const EVERY_PATHWAY_NEEDS: AnswerName[] = [
  'conscious',
  'breathingNormally',
  'chestPain',
  'consentsToAlternate',
];
const CRISIS_CENTRE_NEEDS: AnswerName[] = [
  'suicidePlan',
  'suicideAttempt',
  'homicidalIdeation',
  'weaponsPresent',
  'violent',
  'overdoseSuspected',
  'intoxicated',
  'mentalHealthActApprehension',
];
const FALL_NEEDS: AnswerName[] = ['injuryFromFall', 'headInjury', 'longLie'];
const HOME_VISIT_COMPLAINTS = [
  'minor_illness',
  'minor_injury',
  'medication_issue',
  'palliative',
  'welfare_check',
];

export function referenceDecide(call: Call): ReferenceDecision {
  const a = call.answers;
  const parts = news2Parts(call);
  const news2 = parts.reduce((sum, p) => sum + p, 0);
  const ed = (acuity: Acuity, missing: AnswerName[] = []): ReferenceDecision => ({
    disposition: 'emergency_department',
    acuity,
    missing,
    news2,
  });

  // 1. Red flags.
  if (RED_FLAG_COMPLAINTS.includes(call.complaint)) return ed('emergency');
  if (a.conscious === false || a.breathingNormally === false) return ed('emergency');
  if (RED_FLAG_IF_TRUE.some((name) => a[name] === true)) return ed('emergency');
  if (news2 >= 7) return ed('emergency');

  // 2. Abnormal vital signs.
  if (parts.some((p) => p === 3) || news2 >= 5) return ed('urgent');
  const glucose = call.vitals.bloodGlucose;
  if (glucose !== undefined && (glucose < 4.0 || glucose > 20.0)) return ed('urgent');

  // 3. No alternate pathway.
  if (call.patient.age < 16) return ed('urgent');
  if (call.complaint === 'pregnancy' || call.complaint === 'other') return ed('urgent');
  if (a.consentsToAlternate === false) return ed('urgent');
  if (NO_ALTERNATE_IF_TRUE.some((name) => a[name] === true)) return ed('urgent');
  if (call.complaint === 'fall' && FALL_NO_ALTERNATE_IF_TRUE.some((name) => a[name] === true))
    return ed('urgent');

  // 4 and 5. The pathway the complaint leads to, and the answers it needs.
  let disposition: Disposition;
  let needs: AnswerName[];
  if (call.complaint === 'mental_health' || call.complaint === 'substance_use') {
    disposition = 'crisis_centre';
    needs = [...EVERY_PATHWAY_NEEDS, ...CRISIS_CENTRE_NEEDS];
  } else if (call.complaint === 'fall') {
    disposition = 'home_visit';
    needs = [...EVERY_PATHWAY_NEEDS, ...FALL_NEEDS];
  } else if (call.complaint === 'chronic_condition') {
    // Ambulatory goes to the clinic; not ambulatory, or not asked, gets a home visit
    // (the team's decision: a visit does not need the patient to walk).
    disposition = a.ambulatory === true ? 'cp_clinic' : 'home_visit';
    needs = [...EVERY_PATHWAY_NEEDS];
  } else if (HOME_VISIT_COMPLAINTS.includes(call.complaint)) {
    disposition = 'home_visit';
    needs = [...EVERY_PATHWAY_NEEDS];
  } else {
    throw new Error(`reference: complaint ${call.complaint} reached no pathway`);
  }
  const missing = needs.filter((name) => a[name] === undefined);
  if (missing.length > 0) return ed('urgent', missing);
  return { disposition, acuity: 'non_urgent', missing: [], news2 };
}
