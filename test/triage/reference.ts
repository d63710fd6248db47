/**
 * Reference implementation of the clinical specification, rule set v2 (issue 9, on top of
 * issue 3's v1), written from the issue text alone and deliberately not from the rule files,
 * so that the tests can check the two agree. Plain TypeScript, no rules engine. Where the
 * text leaves a detail open, the choice is the one docs/clinical-safety.md records.
 */
import type { Acuity, AnswerName, Call, Disposition } from '../../shared/call-schema.js';
import { referenceNews2 } from './reference-news2.js';
import { referenceNotes } from './reference-notes.js';

export interface ReferenceDecision {
  disposition: Disposition;
  acuity: Acuity;
  missing: AnswerName[];
  /** Check ids, sorted. */
  checks: string[];
  news2: number;
}

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
// v1's exclusions, and v2's: injuries, a long lie and pregnancy whatever the complaint.
const NO_ALTERNATE_IF_TRUE: AnswerName[] = [
  'mentalHealthActApprehension',
  'weaponsPresent',
  'violent',
  'homicidalIdeation',
  'suicidePlan',
  'intoxicated',
  'headInjury',
  'longLie',
  'injuryFromFall',
  'pregnant',
];
const UNIVERSAL: AnswerName[] = [
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
/** MPDS-style key questions per complaint, on top of the universal four (issue 9, item 3). */
const COMPLAINT_NEEDS: Partial<Record<Call['complaint'], AnswerName[]>> = {
  mental_health: CRISIS_CENTRE_NEEDS,
  substance_use: CRISIS_CENTRE_NEEDS,
  fall: ['injuryFromFall', 'headInjury', 'longLie'],
  medication_issue: ['overdoseSuspected'],
  minor_injury: ['severeBleeding', 'headInjury'],
};
const HOME_VISIT_COMPLAINTS = [
  'minor_illness',
  'minor_injury',
  'medication_issue',
  'palliative',
  'welfare_check',
];
const MENTAL_HEALTH = ['mental_health', 'substance_use'];
const COMPLETE_VITALS = [
  'heartRate',
  'respiratoryRate',
  'systolicBP',
  'spo2',
  'temperature',
  'gcs',
];

/** Item 5, NICE NG51: suspected infection and the moderate-to-high risk criteria met. */
export function referenceSepsis(call: Call): { infection: boolean; criteria: number } {
  const v = call.vitals;
  const a = call.answers;
  // Between two published values, the worse side: 38.05 °C is "38.1 or more", 20.5 is "21-24".
  const infection = a.fever === true || (v.temperature ?? 0) > 38.0;
  const criteria = [
    (v.respiratoryRate ?? 0) > 20,
    (v.heartRate ?? 0) > 90,
    (v.systolicBP ?? 999) < 101,
    (v.temperature ?? 99) < 36.0,
    a.newConfusion === true,
  ].filter(Boolean).length;
  return { infection, criteria };
}

/** Item 6: every vital present inside the crisis centre's range, and nothing that needs a hospital. */
function crisisCentreCleared(call: Call): boolean {
  const v = call.vitals;
  const a = call.answers;
  const within = (x: number | undefined, lo: number, hi: number) =>
    x === undefined || (x >= lo && x <= hi);
  const vitalsOk =
    within(v.heartRate, 50, 120) &&
    within(v.respiratoryRate, 12, 24) &&
    within(v.systolicBP, 100, 180) &&
    within(v.spo2, 94, 100) &&
    within(v.temperature, 36.1, 38.0) &&
    within(v.gcs, 15, 15) &&
    within(v.bloodGlucose, 4.0, 14.0);
  // The issue's four, and (safer readings) oxygen and a patient who cannot get up.
  const answersOk = (
    ['fever', 'newConfusion', 'headInjury', 'pregnant', 'onOxygen', 'unableToGetUp'] as const
  ).every((name) => a[name] !== true);
  return vitalsOk && answersOk;
}

export function referenceDecide(call: Call): ReferenceDecision {
  const a = call.answers;
  const v = call.vitals;
  const { score: news2, parts } = referenceNews2(v, a);
  const notes = referenceNotes(call.notes);
  const ed = (acuity: Acuity, missing: AnswerName[] = []): ReferenceDecision => ({
    disposition: 'emergency_department',
    acuity,
    missing,
    checks: [],
    news2,
  });

  // 1. Red flags, whatever the complaint.
  if (RED_FLAG_COMPLAINTS.includes(call.complaint)) return ed('emergency');
  if (a.conscious === false || a.breathingNormally === false) return ed('emergency');
  if (RED_FLAG_IF_TRUE.some((name) => a[name] === true)) return ed('emergency');
  if (news2 >= 7) return ed('emergency');
  if (notes.emergency) return ed('emergency');

  // 2. Abnormal vital signs (NEWS2 complete, item 4).
  if (parts.some((p) => p === 3) || news2 >= 5) return ed('urgent');
  const glucose = v.bloodGlucose;
  if (glucose !== undefined && (glucose < 4.0 || glucose > 20.0)) return ed('urgent');
  if (a.spo2Scale2 !== true && v.spo2 !== undefined && v.spo2 < 94 && (v.respiratoryRate ?? 0) > 20)
    return ed('urgent');

  // 3. No alternate pathway.
  const sepsis = referenceSepsis(call);
  const sepsisPositive = sepsis.infection && sepsis.criteria >= 2;
  if (call.patient.age < 16) return ed('urgent');
  if (call.complaint === 'pregnancy' || call.complaint === 'other') return ed('urgent');
  if (a.consentsToAlternate === false) return ed('urgent');
  if (NO_ALTERNATE_IF_TRUE.some((name) => a[name] === true)) return ed('urgent');
  if (sepsisPositive && call.patient.age >= 65) return ed('urgent');
  if (MENTAL_HEALTH.includes(call.complaint) && !crisisCentreCleared(call)) return ed('urgent');
  if (notes.urgent) return ed('urgent');

  // 4. The answers the pathway needs, and those that thoughts of suicide or blood thinners add.
  const needs = [...UNIVERSAL, ...(COMPLAINT_NEEDS[call.complaint] ?? [])];
  if (call.complaint === 'chronic_condition' && a.ambulatory === true) needs.push('ambulatory');
  if (a.suicidalIdeation === true) needs.push('suicidePlan', 'suicideAttempt');
  if (a.onAnticoagulants === true) needs.push('headInjury');
  // Item 5 and the contract: two NG51 criteria with the fever never asked is an unfinished
  // screen (absent is unknown, not "no fever"), so fever is asked on every pathway.
  if (sepsis.criteria >= 2) needs.push('fever');
  const missing = [...new Set(needs.filter((name) => a[name] === undefined))];
  if (missing.length > 0) return ed('urgent', missing);

  // 5. The pathway the complaint leads to.
  let disposition: Disposition;
  if (MENTAL_HEALTH.includes(call.complaint)) disposition = 'crisis_centre';
  else if (call.complaint === 'fall') disposition = 'home_visit';
  else if (call.complaint === 'chronic_condition') {
    // CP@clinic is for a patient who walks there; one who cannot get up, scores NEWS2 3-4
    // or may have an infection is seen at home instead.
    const clinic =
      a.ambulatory === true && a.unableToGetUp !== true && news2 < 3 && !sepsis.infection;
    disposition = clinic ? 'cp_clinic' : 'home_visit';
  } else if (HOME_VISIT_COMPLAINTS.includes(call.complaint)) disposition = 'home_visit';
  else throw new Error(`reference: complaint ${call.complaint} reached no pathway`);

  // Item 7: urgent when on the floor now, NEWS2 3-4, or the sepsis home visit.
  const urgent =
    a.unableToGetUp === true || news2 >= 3 || (disposition === 'home_visit' && sepsisPositive);
  const checks: string[] = [];
  if (
    disposition === 'crisis_centre' &&
    COMPLETE_VITALS.some((k) => v[k as keyof typeof v] === undefined)
  )
    checks.push('crisis-centre-medical-clearance');
  if (disposition === 'home_visit' && a.unableToGetUp === true && a.hasSupportAtHome !== true)
    checks.push('home-support');
  return {
    disposition,
    acuity: urgent ? 'urgent' : 'non_urgent',
    missing: [],
    checks: checks.sort(),
    news2,
  };
}
