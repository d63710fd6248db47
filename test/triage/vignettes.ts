/**
 * Hand-written calls with the decision the clinical specification (issue 3) expects.
 * Shorthand outcomes: EMERGENCY = emergency department / emergency, URGENT = emergency
 * department / urgent, then the alternate pathways (all non-urgent).
 */
import type { AnswerName, CallInput, Complaint, Vitals } from '../../server/triage/call-schema.js';

export type Outcome = 'EMERGENCY' | 'URGENT' | 'crisis_centre' | 'cp_clinic' | 'home_visit';

export interface Vignette {
  name: string;
  call: CallInput;
  expect: Outcome;
  missing?: AnswerName[];
  /** A rule id that must be among the reasons. */
  rule?: string;
  /** A NEWS2 part and the score it must have, e.g. ['heartRate', 1]. */
  part?: [string, number];
  news2?: number;
}

type Answers = NonNullable<CallInput['answers']>;

const base: Answers = {
  conscious: true,
  breathingNormally: true,
  chestPain: false,
  consentsToAlternate: true,
};
const crisisOk: Answers = {
  ...base,
  suicidePlan: false,
  suicideAttempt: false,
  homicidalIdeation: false,
  weaponsPresent: false,
  violent: false,
  overdoseSuspected: false,
  intoxicated: false,
  mentalHealthActApprehension: false,
};
const fallOk: Answers = { ...base, injuryFromFall: false, headInjury: false, longLie: false };

function call(
  complaint: Complaint,
  answers: Answers = {},
  vitals: Vitals = {},
  age = 42,
): CallInput {
  return { patient: { age }, complaint, answers, vitals };
}

const without = (answers: Answers, ...names: AnswerName[]): Answers =>
  Object.fromEntries(Object.entries(answers).filter(([k]) => !names.includes(k as AnswerName)));

const homeVisitComplaints: Complaint[] = [
  'minor_illness',
  'minor_injury',
  'medication_issue',
  'palliative',
  'welfare_check',
];

const pathways: Vignette[] = [
  {
    name: 'mental health, all answered',
    call: call('mental_health', crisisOk),
    expect: 'crisis_centre',
    rule: 'mha-crisis-centre-eligible',
  },
  {
    name: 'substance use, all answered',
    call: call('substance_use', crisisOk),
    expect: 'crisis_centre',
  },
  {
    name: 'suicidal ideation without a plan',
    call: call('mental_health', { ...crisisOk, suicidalIdeation: true }),
    expect: 'crisis_centre',
  },
  {
    name: 'contract example, fully asked',
    call: {
      ...call('mental_health', crisisOk, { heartRate: 88, systolicBP: 128 }, 34),
      receivedAt: '2026-11-23T14:05:00Z',
      location: { lat: 42.9849, lng: -81.2453, address: '123 Example St' },
      notes: 'free text',
    },
    expect: 'crisis_centre',
  },
  {
    name: 'fall, no injury',
    call: call('fall', fallOk, {}, 84),
    expect: 'home_visit',
    rule: 'fall-home-visit',
  },
  {
    name: 'fall, lift assist (cannot get up)',
    call: call('fall', { ...fallOk, unableToGetUp: true }, {}, 91),
    expect: 'home_visit',
  },
  {
    name: 'fall on anticoagulants (not an exclusion in v1)',
    call: call('fall', { ...fallOk, onAnticoagulants: true }, {}, 77),
    expect: 'home_visit',
  },
  {
    name: 'chronic condition, ambulatory',
    call: call('chronic_condition', { ...base, ambulatory: true }),
    expect: 'cp_clinic',
    rule: 'chronic-cp-clinic',
  },
  {
    name: 'chronic condition, not ambulatory',
    call: call('chronic_condition', { ...base, ambulatory: false }),
    expect: 'home_visit',
    rule: 'chronic-home-visit',
  },
  {
    name: 'chronic condition, mobility not asked',
    call: call('chronic_condition', base),
    expect: 'home_visit',
    missing: [],
  },
  ...homeVisitComplaints.map((c): Vignette => ({
    name: `${c}, base answers`,
    call: call(c, base),
    expect: 'home_visit',
    rule: 'home-visit-eligible',
  })),
  { name: 'exactly 16 years old', call: call('minor_illness', base, {}, 16), expect: 'home_visit' },
  { name: '120 years old', call: call('palliative', base, {}, 120), expect: 'home_visit' },
  {
    name: 'pregnant answer alone does not exclude (only the complaint does)',
    call: call('minor_illness', { ...base, pregnant: true }),
    expect: 'home_visit',
  },
  {
    name: 'head injury outside a fall does not exclude',
    call: call('minor_injury', { ...base, headInjury: true }),
    expect: 'home_visit',
  },
  {
    name: 'intoxication not asked: home visit needs only base answers',
    call: call('minor_illness', base),
    expect: 'home_visit',
  },
  {
    name: 'normal vitals keep the pathway',
    call: call('minor_illness', base, {
      heartRate: 72,
      respiratoryRate: 16,
      spo2: 98,
      systolicBP: 132,
      temperature: 36.8,
      gcs: 15,
      bloodGlucose: 6.2,
    }),
    expect: 'home_visit',
    news2: 0,
  },
];

const redComplaints: Complaint[] = [
  'chest_pain',
  'breathing_problem',
  'stroke_symptoms',
  'unconscious',
  'seizure',
  'bleeding',
  'allergic_reaction',
];
const redAnswers: [AnswerName, boolean][] = [
  ['conscious', false],
  ['breathingNormally', false],
  ['chestPain', true],
  ['severeBleeding', true],
  ['strokeSigns', true],
  ['seizureNow', true],
  ['anaphylaxis', true],
  ['suicideAttempt', true],
  ['overdoseSuspected', true],
];

const redFlags: Vignette[] = [
  ...redComplaints.map((c): Vignette => ({
    name: `red-flag complaint ${c}`,
    call: call(c, base),
    expect: 'EMERGENCY',
  })),
  ...redAnswers.map(([a, v]): Vignette => ({
    name: `red-flag answer ${a}: ${v}`,
    call: call('mental_health', { ...crisisOk, [a]: v }),
    expect: 'EMERGENCY',
    missing: [],
  })),
  {
    name: 'NEWS2 exactly 7 (2+2+2+1)',
    call: call('minor_illness', base, {
      heartRate: 120,
      respiratoryRate: 22,
      temperature: 39.4,
      spo2: 95,
    }),
    expect: 'EMERGENCY',
    news2: 7,
    rule: 'red-flag-news2-7-or-more',
  },
  {
    name: 'NEWS2 6 (2+2+2) is urgent, not emergency',
    call: call('minor_illness', base, { heartRate: 120, respiratoryRate: 22, temperature: 39.4 }),
    expect: 'URGENT',
    news2: 6,
    rule: 'abnormal-vital-news2-5-or-more',
  },
  {
    name: 'red flag wins over missing answers',
    call: call('fall', { conscious: false }),
    expect: 'EMERGENCY',
    missing: [],
  },
  {
    name: 'red flag wins over age exclusion',
    call: call('seizure', {}, {}, 4),
    expect: 'EMERGENCY',
  },
  {
    name: 'several red flags: all reasons listed',
    call: call('chest_pain', { chestPain: true, conscious: false }),
    expect: 'EMERGENCY',
    rule: 'red-flag-not-conscious',
  },
];

const vitalsOnly: Vignette[] = [
  {
    name: 'NEWS2 exactly 5 (2+2+1)',
    call: call('minor_illness', base, { heartRate: 115, respiratoryRate: 22, temperature: 38.5 }),
    expect: 'URGENT',
    news2: 5,
  },
  {
    name: 'NEWS2 4 (2+2) keeps the pathway',
    call: call('minor_illness', base, { heartRate: 115, respiratoryRate: 22 }),
    expect: 'home_visit',
    news2: 4,
  },
  {
    name: 'glucose 3.9 is low',
    call: call('chronic_condition', { ...base, ambulatory: true }, { bloodGlucose: 3.9 }),
    expect: 'URGENT',
    rule: 'abnormal-vital-glucose-low',
  },
  {
    name: 'glucose 4.0 is fine',
    call: call('chronic_condition', { ...base, ambulatory: true }, { bloodGlucose: 4.0 }),
    expect: 'cp_clinic',
  },
  {
    name: 'glucose 20.0 is fine',
    call: call('chronic_condition', { ...base, ambulatory: true }, { bloodGlucose: 20.0 }),
    expect: 'cp_clinic',
  },
  {
    name: 'glucose 20.1 is high',
    call: call('chronic_condition', { ...base, ambulatory: true }, { bloodGlucose: 20.1 }),
    expect: 'URGENT',
    rule: 'abnormal-vital-glucose-high',
  },
  {
    name: 'abnormal vital wins over missing answers',
    call: call('mental_health', { conscious: true }, { spo2: 88 }),
    expect: 'URGENT',
    missing: [],
  },
  {
    name: 'abnormal vital wins over age exclusion',
    call: call('minor_illness', base, { heartRate: 150 }, 9),
    expect: 'URGENT',
    rule: 'abnormal-vital-heart-rate',
  },
];

/** [vital, value, NEWS2 part]: each band edge from both sides. A part of 3 means URGENT. */
const edges: [keyof Vitals, number, number][] = [
  ['respiratoryRate', 8, 3],
  ['respiratoryRate', 9, 1],
  ['respiratoryRate', 11, 1],
  ['respiratoryRate', 12, 0],
  ['respiratoryRate', 20, 0],
  ['respiratoryRate', 21, 2],
  ['respiratoryRate', 24, 2],
  ['respiratoryRate', 25, 3],
  ['spo2', 91, 3],
  ['spo2', 92, 2],
  ['spo2', 93, 2],
  ['spo2', 94, 1],
  ['spo2', 95, 1],
  ['spo2', 96, 0],
  ['systolicBP', 90, 3],
  ['systolicBP', 91, 2],
  ['systolicBP', 100, 2],
  ['systolicBP', 101, 1],
  ['systolicBP', 110, 1],
  ['systolicBP', 111, 0],
  ['systolicBP', 219, 0],
  ['systolicBP', 220, 3],
  ['heartRate', 40, 3],
  ['heartRate', 41, 1],
  ['heartRate', 50, 1],
  ['heartRate', 51, 0],
  ['heartRate', 90, 0],
  ['heartRate', 91, 1],
  ['heartRate', 110, 1],
  ['heartRate', 111, 2],
  ['heartRate', 130, 2],
  ['heartRate', 131, 3],
  ['temperature', 35.0, 3],
  ['temperature', 35.1, 1],
  ['temperature', 36.0, 1],
  ['temperature', 36.1, 0],
  ['temperature', 38.0, 0],
  ['temperature', 38.1, 1],
  ['temperature', 39.0, 1],
  ['temperature', 39.1, 2],
  ['gcs', 14, 3],
  ['gcs', 15, 0],
];
const bandEdges: Vignette[] = edges.map(([vital, value, part]) => ({
  name: `NEWS2 edge ${vital} ${value} scores ${part}`,
  call: call('minor_illness', base, { [vital]: value }),
  expect: part === 3 ? 'URGENT' : 'home_visit',
  part: [vital, part],
  news2: part,
}));

const exclusions: Vignette[] = [
  {
    name: 'age 15',
    call: call('minor_illness', base, {}, 15),
    expect: 'URGENT',
    rule: 'no-alternate-under-16',
    missing: [],
  },
  { name: 'newborn', call: call('welfare_check', {}, {}, 0), expect: 'URGENT', missing: [] },
  {
    name: 'pregnancy complaint',
    call: call('pregnancy', base, {}, 30),
    expect: 'URGENT',
    rule: 'no-alternate-pregnancy-complaint',
  },
  {
    name: 'other complaint',
    call: call('other', base),
    expect: 'URGENT',
    rule: 'no-alternate-other-complaint',
  },
  {
    name: 'declines an alternate',
    call: call('minor_injury', { ...base, consentsToAlternate: false }),
    expect: 'URGENT',
    rule: 'no-alternate-declines-alternate',
  },
  {
    name: 'declines the crisis centre',
    call: call('mental_health', { ...crisisOk, consentsToAlternate: false }),
    expect: 'URGENT',
  },
  ...(
    [
      'mentalHealthActApprehension',
      'weaponsPresent',
      'violent',
      'homicidalIdeation',
      'suicidePlan',
      'intoxicated',
    ] as AnswerName[]
  ).map((a): Vignette => ({
    name: `${a} on a crisis call`,
    call: call('substance_use', { ...crisisOk, [a]: true }),
    expect: 'URGENT',
    missing: [],
  })),
  {
    name: 'intoxicated on a minor illness call',
    call: call('minor_illness', { ...base, intoxicated: true }),
    expect: 'URGENT',
    rule: 'no-alternate-intoxicated',
  },
  {
    name: 'violent on a welfare check',
    call: call('welfare_check', { ...base, violent: true }),
    expect: 'URGENT',
    rule: 'no-alternate-violent',
  },
  {
    name: 'fall with injury',
    call: call('fall', { ...fallOk, injuryFromFall: true }, {}, 80),
    expect: 'URGENT',
    rule: 'no-alternate-fall-injury',
  },
  {
    name: 'fall with head injury',
    call: call('fall', { ...fallOk, headInjury: true }, {}, 80),
    expect: 'URGENT',
    rule: 'no-alternate-fall-head-injury',
  },
  {
    name: 'fall with a long lie',
    call: call('fall', { ...fallOk, longLie: true }, {}, 80),
    expect: 'URGENT',
    rule: 'no-alternate-fall-long-lie',
  },
  {
    name: 'exclusion wins over missing answers',
    call: call('mental_health', { weaponsPresent: true }),
    expect: 'URGENT',
    missing: [],
  },
  {
    name: 'fall exclusion with other answers missing',
    call: call('fall', { longLie: true }, {}, 90),
    expect: 'URGENT',
    missing: [],
  },
];

const crisisExtras: AnswerName[] = [
  'suicidePlan',
  'suicideAttempt',
  'homicidalIdeation',
  'weaponsPresent',
  'violent',
  'overdoseSuspected',
  'intoxicated',
  'mentalHealthActApprehension',
];
const baseNames: AnswerName[] = [
  'conscious',
  'breathingNormally',
  'chestPain',
  'consentsToAlternate',
];

const missingAnswers: Vignette[] = [
  {
    name: 'crisis centre, nothing asked',
    call: call('mental_health'),
    expect: 'URGENT',
    missing: [...baseNames, ...crisisExtras],
    rule: 'crisis-centre-answers-missing',
  },
  {
    name: 'contract example call (partly asked)',
    call: call(
      'mental_health',
      { conscious: true, suicidePlan: false, consentsToAlternate: true },
      { heartRate: 88, systolicBP: 128 },
      34,
    ),
    expect: 'URGENT',
    missing: ['breathingNormally', 'chestPain', ...crisisExtras.filter((a) => a !== 'suicidePlan')],
  },
  ...crisisExtras.map((a): Vignette => ({
    name: `crisis centre, ${a} not asked`,
    call: call('substance_use', without(crisisOk, a)),
    expect: 'URGENT',
    missing: [a],
  })),
  ...baseNames.map((a): Vignette => ({
    name: `home visit, ${a} not asked`,
    call: call('medication_issue', without(base, a)),
    expect: 'URGENT',
    missing: [a],
    rule: 'home-visit-answers-missing',
  })),
  {
    name: 'fall, long lie not asked',
    call: call('fall', without(fallOk, 'longLie'), {}, 88),
    expect: 'URGENT',
    missing: ['longLie'],
    rule: 'fall-answers-missing',
  },
  {
    name: 'fall, only base answers asked',
    call: call('fall', base, {}, 88),
    expect: 'URGENT',
    missing: ['injuryFromFall', 'headInjury', 'longLie'],
  },
  {
    name: 'fall, nothing asked',
    call: call('fall', {}, {}, 88),
    expect: 'URGENT',
    missing: [...baseNames, 'injuryFromFall', 'headInjury', 'longLie'],
  },
  {
    name: 'cp clinic, consent not asked',
    call: call('chronic_condition', { ...without(base, 'consentsToAlternate'), ambulatory: true }),
    expect: 'URGENT',
    missing: ['consentsToAlternate'],
    rule: 'cp-clinic-answers-missing',
  },
  {
    name: 'chronic, mobility and chest pain not asked',
    call: call('chronic_condition', without(base, 'chestPain')),
    expect: 'URGENT',
    missing: ['chestPain'],
    rule: 'home-visit-answers-missing',
  },
  {
    name: 'chronic, not ambulatory, nothing else asked',
    call: call('chronic_condition', { ambulatory: false }),
    expect: 'URGENT',
    missing: baseNames,
  },
  {
    name: 'palliative, nothing asked',
    call: call('palliative'),
    expect: 'URGENT',
    missing: baseNames,
  },
];

export const vignettes: Vignette[] = [
  ...pathways,
  ...redFlags,
  ...vitalsOnly,
  ...bandEdges,
  ...exclusions,
  ...missingAnswers,
];
