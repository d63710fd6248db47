/**
 * Reference implementation of the clinical specification (issue 3, rule set v1), written
 * from the issue text alone and deliberately not from the rule files, so that the tests
 * can check the two agree. Plain TypeScript, no rules engine.
 */
import type { Acuity, AnswerName, Call, Disposition } from '../../server/triage/call-schema.js';

export interface ReferenceDecision {
  disposition: Disposition;
  acuity: Acuity;
  missing: AnswerName[];
  news2: number;
}

// --- NEWS2, RCP 2017, SpO2 scale 1; each band up to and including its upper bound ---

export function respiratoryRateScore(rr: number): number {
  if (rr <= 8) return 3;
  if (rr <= 11) return 1;
  if (rr <= 20) return 0;
  if (rr <= 24) return 2;
  return 3;
}
export function spo2Score(spo2: number): number {
  if (spo2 <= 91) return 3;
  if (spo2 <= 93) return 2;
  if (spo2 <= 95) return 1;
  return 0;
}
export function systolicScore(sbp: number): number {
  if (sbp <= 90) return 3;
  if (sbp <= 100) return 2;
  if (sbp <= 110) return 1;
  if (sbp <= 219) return 0;
  return 3;
}
export function heartRateScore(hr: number): number {
  if (hr <= 40) return 3;
  if (hr <= 50) return 1;
  if (hr <= 90) return 0;
  if (hr <= 110) return 1;
  if (hr <= 130) return 2;
  return 3;
}
export function gcsScore(gcs: number): number {
  return gcs === 15 ? 0 : 3;
}
export function temperatureScore(t: number): number {
  if (t <= 35.0) return 3;
  if (t <= 36.0) return 1;
  if (t <= 38.0) return 0;
  if (t <= 39.0) return 1;
  return 2;
}

function news2Parts(call: Call): number[] {
  const v = call.vitals;
  const parts: number[] = [];
  if (v.respiratoryRate !== undefined) parts.push(respiratoryRateScore(v.respiratoryRate));
  if (v.spo2 !== undefined) parts.push(spo2Score(v.spo2));
  if (v.systolicBP !== undefined) parts.push(systolicScore(v.systolicBP));
  if (v.heartRate !== undefined) parts.push(heartRateScore(v.heartRate));
  if (v.gcs !== undefined) parts.push(gcsScore(v.gcs));
  if (v.temperature !== undefined) parts.push(temperatureScore(v.temperature));
  return parts;
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
