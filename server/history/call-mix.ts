import type {
  AnswerName,
  Call,
  CallWithLocation,
  Complaint,
  Vitals,
} from '../../shared/call-schema.js';
import type { Random } from './prng.js';

// The calls a community paramedic programme receives: mostly low-acuity 911
// calls, with enough red-flag complaints that the ED stays the commonest
// recommendation. The answer rates below are tuned (see call-mix.test.ts) so
// that about a fifth of mental-health calls are eligible for the crisis centre,
// as published programmes report; the rest fail on a safety answer, a refusal,
// or a question the call-taker did not ask.

const generalMix: Record<Complaint, number> = {
  mental_health: 14,
  substance_use: 6,
  fall: 15,
  chronic_condition: 11,
  minor_illness: 9,
  minor_injury: 6,
  medication_issue: 4,
  palliative: 2,
  welfare_check: 5,
  chest_pain: 7,
  breathing_problem: 6,
  stroke_symptoms: 1.5,
  unconscious: 2,
  seizure: 1.5,
  bleeding: 1.5,
  allergic_reaction: 1,
  pregnancy: 1,
  other: 6.5,
};

/** Frequent callers: the patients a programme sees again and again. */
const frequentCallerMix: Partial<Record<Complaint, number>> = {
  mental_health: 35,
  substance_use: 20,
  chronic_condition: 20,
  fall: 10,
  welfare_check: 10,
  breathing_problem: 5,
};

/** [probability the call-taker asks, probability the answer is the alarming one]. */
type Question = readonly [asked: number, alarming: number];
type Questions = Partial<Record<AnswerName, Question>>;

const safetyQuestions: Questions = {
  conscious: [0.99, 0.01],
  breathingNormally: [0.98, 0.015],
  chestPain: [0.96, 0.02],
  consentsToAlternate: [0.95, 0.15],
};

const crisisQuestions = (substance: boolean): Questions => ({
  suicidalIdeation: [0.9, 0.4],
  suicidePlan: [0.95, 0.22],
  suicideAttempt: [0.95, 0.05],
  homicidalIdeation: [0.94, 0.03],
  weaponsPresent: [0.94, 0.04],
  violent: [0.95, 0.1],
  overdoseSuspected: [0.95, substance ? 0.22 : 0.08],
  intoxicated: [0.94, substance ? 0.45 : 0.22],
  mentalHealthActApprehension: [0.94, 0.1],
});

// Rule set v2's questions, as the intake form puts them first for each complaint (MPDS-style
// key questions): the crisis centre's medical screen, a medication issue's overdose question,
// a minor injury's bleeding and head injury, the NEWS2 items and who is at home.
const communityQuestions: Questions = {
  fever: [0.5, 0.2],
  hasSupportAtHome: [0.5, 0.3],
  ambulatory: [0.5, 0.3],
  unableToGetUp: [0.3, 0.1],
  onAnticoagulants: [0.3, 0.15],
  newConfusion: [0.3, 0.03],
  headInjury: [0.3, 0.02],
};
const questionsFor: Partial<Record<Complaint, Questions>> = {
  mental_health: { ...crisisQuestions(false), fever: [0.4, 0.04], onOxygen: [0.2, 0.01] },
  substance_use: { ...crisisQuestions(true), fever: [0.4, 0.04], onOxygen: [0.2, 0.01] },
  fall: {
    injuryFromFall: [0.95, 0.35],
    headInjury: [0.95, 0.12],
    longLie: [0.93, 0.12],
    unableToGetUp: [0.85, 0.4],
    onAnticoagulants: [0.8, 0.25],
    hasSupportAtHome: [0.6, 0.35],
    ambulatory: [0.5, 0.4],
    newConfusion: [0.4, 0.04],
  },
  chronic_condition: {
    ambulatory: [0.75, 0.45],
    hasSupportAtHome: [0.6, 0.3],
    fever: [0.6, 0.15],
    unableToGetUp: [0.4, 0.15],
    onOxygen: [0.3, 0.2],
    spo2Scale2: [0.15, 0.3],
    newConfusion: [0.3, 0.04],
  },
  medication_issue: { ...communityQuestions, overdoseSuspected: [0.95, 0.06] },
  minor_injury: {
    ...communityQuestions,
    severeBleeding: [0.95, 0.03],
    headInjury: [0.95, 0.06],
    injuryFromFall: [0.4, 0.25],
  },
};

/** The answer that keeps an alternate pathway open; the other one is alarming. */
const reassuring = (name: AnswerName) =>
  name === 'conscious' ||
  name === 'breathingNormally' ||
  name === 'consentsToAlternate' ||
  name === 'ambulatory' ||
  name === 'hasSupportAtHome';

export interface Patient {
  key: string | undefined;
  age: number;
  sex: 'female' | 'male' | 'other' | 'unknown';
  frequent: boolean;
}

/** A stable pseudo health-card number for patient number `n`. */
export const patientKey = (n: number) =>
  `HC${String((n * 2654435761) % 9_999_999_967).padStart(10, '0')}`;

/** Age and sex fixed per patient, so a repeat caller is recognisably the same person. */
function demographics(n: number, frequent: boolean): Pick<Patient, 'age' | 'sex'> {
  const h = (n * 2246822519 + 3266489917) % 4294967296;
  const band = h % 100;
  const age = frequent
    ? 18 + (h % 60)
    : band < 6
      ? h % 16
      : band < 60
        ? 16 + (h % 49)
        : 65 + (h % 33);
  const sexes = ['female', 'male', 'female', 'male', 'other', 'unknown'] as const;
  return { age, sex: sexes[(h >>> 8) % 6] ?? 'unknown' };
}

export interface PatientPools {
  frequent: number;
  occasional: number;
}

/** Pool sizes for `calls` calls: ~12% of calls come from 1 frequent caller per 500 calls. */
export const poolsFor = (calls: number): PatientPools => ({
  frequent: Math.max(20, Math.round(calls / 500)),
  occasional: Math.max(100, Math.round(calls * 0.9)),
});

export function drawPatient(random: Random, pools: PatientPools): Patient {
  if (random.chance(0.12)) {
    const n = random.int(1, pools.frequent);
    return { key: patientKey(n), frequent: true, ...demographics(n, true) };
  }
  const n = pools.frequent + random.int(1, pools.occasional);
  // Some callers give no identifier (a passer-by, a refusal): they cannot be linked.
  return {
    key: random.chance(0.85) ? patientKey(n) : undefined,
    frequent: false,
    ...demographics(n, false),
  };
}

const streets = [
  'Dundas St',
  'Richmond St',
  'Oxford St E',
  'Wellington Rd',
  'Adelaide St N',
  'Commissioners Rd W',
  'Hamilton Rd',
  'Wharncliffe Rd S',
];
const noteTexts = [
  'Caller is the neighbour, patient lives alone',
  'Daughter on scene, says he has been confused since morning',
  'Patient known to the mental health team',
  'Caller requests no lights or sirens',
  'Building buzzer broken, meet at side door',
];

export function drawCall(random: Random, patient: Patient, receivedAt: Date): CallWithLocation {
  const complaint = patient.frequent
    ? random.weighted(frequentCallerMix as Record<Complaint, number>)
    : random.weighted(generalMix);
  const answers: Call['answers'] = {};
  // About one call-taker in three works through every protocol question; the others skip some.
  const thorough = random.chance(0.35);
  const ask = (questions: Questions) => {
    for (const [name, [asked, alarming]] of Object.entries(questions) as Array<
      [AnswerName, Question]
    >) {
      if (!thorough && !random.chance(asked)) continue;
      answers[name] = random.chance(alarming) ? !reassuring(name) : reassuring(name);
    }
  };
  ask(safetyQuestions);
  ask(questionsFor[complaint] ?? communityQuestions);
  // Follow-ups the v2 form asks as soon as the answer that needs them is given.
  if (answers.onAnticoagulants) ask({ headInjury: [0.95, 0.12] });
  if (answers.suicidalIdeation) ask({ suicidePlan: [0.95, 0.22], suicideAttempt: [0.95, 0.05] });
  if (patient.sex === 'female' && patient.age >= 16 && patient.age <= 50)
    ask({ pregnant: [0.5, 0.06] });
  if (complaint === 'pregnancy') answers.pregnant = true;

  const note = random.chance(0.3) ? random.pick(noteTexts) : undefined;
  // A caller who says the patient is confused has answered the new-confusion question.
  if (note?.includes('confused')) answers.newConfusion = true;
  const lat = 42.983 + random.normal() * 0.022;
  const lng = -81.25 + random.normal() * 0.035;
  const age =
    complaint === 'fall' && !patient.frequent && patient.age < 65 && random.chance(0.6)
      ? 65 + (patient.age % 30)
      : patient.age;
  return {
    receivedAt: receivedAt.toISOString(),
    location: {
      lat: Math.round(lat * 1e5) / 1e5,
      lng: Math.round(lng * 1e5) / 1e5,
      address: `${random.int(1, 2400)} ${random.pick(streets)}, London, ON`,
    },
    patient: { age, sex: patient.sex, ...(patient.key ? { key: patient.key } : {}) },
    complaint,
    answers,
    vitals: {},
    ...(note ? { notes: note } : {}),
  };
}

/** Vitals taken on scene: normal mostly; sometimes one sign has deteriorated. */
export function drawVitals(random: Random): Vitals {
  const vitals: Vitals = {
    respiratoryRate: random.int(12, 20),
    spo2: random.int(95, 100),
    systolicBP: random.int(110, 160),
    heartRate: random.int(55, 95),
    gcs: 15,
    temperature: random.int(362, 378) / 10,
  };
  if (random.chance(0.5)) vitals.bloodGlucose = random.int(45, 90) / 10;
  if (random.chance(0.06)) {
    const sign = random.pick([
      'respiratoryRate',
      'spo2',
      'systolicBP',
      'heartRate',
      'bloodGlucose',
    ] as const);
    const bad = {
      respiratoryRate: 27,
      spo2: 89,
      systolicBP: 86,
      heartRate: 136,
      bloodGlucose: 3.1,
    } as const;
    vitals[sign] = bad[sign];
  }
  return vitals;
}

/** What the paramedic learns on scene that the caller did not say. */
export function drawOnSceneAnswers(random: Random, complaint: Complaint): Call['answers'] {
  if ((complaint === 'mental_health' || complaint === 'substance_use') && random.chance(0.03))
    return { intoxicated: true };
  if (complaint === 'fall' && random.chance(0.02)) return { headInjury: true };
  return {};
}
