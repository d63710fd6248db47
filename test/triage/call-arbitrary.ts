/**
 * A fast-check generator of realistic calls for property tests and benchmarks. Calls
 * vary in how thoroughly the call-taker asked the questions and how risky the answers
 * are, so every stage of the specification is reached often; vitals cluster around the
 * NEWS2, sepsis and crisis-centre clearance edges (decimals between bands included) as
 * well as normal and extreme values; notes are clean, hold a red-flag phrase, or a negated one.
 */
import fc from 'fast-check';
import { answerNames, complaints, sexes } from '../../shared/call-schema.js';
import type { AnswerName, Call, Complaint, Vitals } from '../../shared/call-schema.js';

/** The answer that keeps an alternate pathway open; the other value is the alarming one. */
const reassuring: Record<AnswerName, boolean> = Object.fromEntries(
  answerNames.map((name) => [name, false]),
) as Record<AnswerName, boolean>;
reassuring.conscious = true;
reassuring.breathingNormally = true;
reassuring.consentsToAlternate = true;
reassuring.ambulatory = true;
reassuring.hasSupportAtHome = true;

/** Answers whose concerning value is common in real calls and mostly leaves a pathway open. */
const common: Partial<Record<AnswerName, number>> = {
  unableToGetUp: 0.3,
  hasSupportAtHome: 0.3,
  ambulatory: 0.3,
  suicidalIdeation: 0.3,
  onAnticoagulants: 0.2,
  fever: 0.1,
};

const complaintArb: fc.Arbitrary<Complaint> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Complaint>('mental_health', 'substance_use') },
  { weight: 4, arbitrary: fc.constant<Complaint>('fall') },
  { weight: 4, arbitrary: fc.constant<Complaint>('chronic_condition') },
  {
    weight: 5,
    arbitrary: fc.constantFrom<Complaint>(
      'minor_illness',
      'minor_injury',
      'medication_issue',
      'palliative',
      'welfare_check',
    ),
  },
  { weight: 2, arbitrary: fc.constantFrom(...complaints) },
);

const ageArb = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 16, max: 95 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 120 }) },
  { weight: 1, arbitrary: fc.constantFrom(15, 16, 64, 65) },
);

const freeText = fc.string({ unit: fc.constantFrom(...' 0123456789-#/()'), maxLength: 40 });

/** Note fragments: clean, a red-flag phrase, or one negated (the contract's own examples). */
export const noteFragments = {
  clean: [
    'Caller is the neighbour, patient lives alone',
    'Building buzzer broken, meet at side door',
    'Patient known to the mental health team',
    'Caller requests no lights or sirens',
    'Took his usual tablets this morning',
    'Lives with his daughter',
  ],
  redFlag: [
    'Took about 30 paracetamol an hour ago',
    'Husband thinks she may have overdosed',
    'Son says her lips are blue',
    'Wife says he is not breathing right',
    'Complains of chest pain since lunch',
    'Found unresponsive by staff',
    'Not sure if she took 30 pills',
    'He hit his head on the table, on a blood thinner',
    'Has been on the floor since last night',
    'She is pregnant, about 20 weeks',
    'Says she wants to die',
    'Was drunk earlier today',
    'Daughter says he has been confused since morning',
    'Has not eaten today and took 30 tablets',
    "Doesn't deny feeling suicidal",
  ],
  negated: [
    'Denies chest pain',
    'No chest pain or shortness of breath',
    'Not suicidal, no plan',
    'Did not hit his head',
    'No overdose suspected by family',
  ],
};
const noteArb = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...noteFragments.clean) },
      { weight: 1, arbitrary: fc.constantFrom(...noteFragments.redFlag) },
      { weight: 1, arbitrary: fc.constantFrom(...noteFragments.negated) },
    ),
    { minLength: 1, maxLength: 2 },
  )
  .map((parts) => parts.join('. '));

const roll = fc.noBias(fc.integer({ min: 0, max: 999 })).map((n) => n / 1000);

const answersArb = fc
  .record({
    thoroughness: fc.constantFrom(0.2, 0.6, 0.9, 1, 1),
    risk: fc.constantFrom(0, 0, 0.01, 0.05, 0.2),
    // Uniform rolls: fast-check's default bias towards bounds would make most calls alarming.
    rolls: fc.array(fc.tuple(roll, roll), {
      minLength: answerNames.length,
      maxLength: answerNames.length,
    }),
  })
  .map(({ thoroughness, risk, rolls }) => {
    const answers: Call['answers'] = {};
    answerNames.forEach((name, i) => {
      const [asked, alarming] = rolls[i] ?? [1, 1];
      if (asked >= thoroughness) return;
      answers[name] =
        alarming < Math.max(risk, common[name] ?? 0) ? !reassuring[name] : reassuring[name];
    });
    return answers;
  });

/** Round to one decimal place without floating-point noise (36.1, not 36.099999). */
const tenths = (min: number, max: number) =>
  fc.integer({ min: min * 10, max: max * 10 }).map((n) => n / 10);

function vitalArb(normal: fc.Arbitrary<number>, edges: number[], full: fc.Arbitrary<number>) {
  return fc.option(
    fc.oneof(
      { weight: 12, arbitrary: normal },
      { weight: 3, arbitrary: fc.constantFrom(...edges) },
      { weight: 1, arbitrary: full },
    ),
    { nil: undefined, freq: 3 },
  );
}

const vitalsArb: fc.Arbitrary<Vitals> = fc
  .record({
    respiratoryRate: vitalArb(
      fc.integer({ min: 12, max: 20 }),
      [8, 8.5, 9, 11, 11.5, 12, 20, 20.5, 21, 22, 24, 24.5, 25],
      fc.integer({ min: 0, max: 80 }),
    ),
    spo2: vitalArb(
      fc.integer({ min: 95, max: 100 }),
      [83, 84, 87, 88, 89, 91, 91.4, 92, 93, 93.5, 94, 95, 96, 97],
      fc.integer({ min: 50, max: 100 }),
    ),
    systolicBP: vitalArb(
      fc.integer({ min: 105, max: 160 }),
      [90, 90.4, 91, 99, 100, 100.5, 101, 110, 111, 180, 181, 219, 220],
      fc.integer({ min: 40, max: 300 }),
    ),
    heartRate: vitalArb(
      fc.integer({ min: 55, max: 100 }),
      [40, 40.6, 41, 49, 50, 51, 90, 90.5, 91, 105, 110, 111, 120, 120.5, 121, 130, 131],
      fc.integer({ min: 0, max: 250 }),
    ),
    gcs: vitalArb(fc.constant(15), [3, 13, 14, 15], fc.integer({ min: 3, max: 15 })),
    temperature: vitalArb(
      tenths(36.2, 37.8),
      [35, 35.04, 35.1, 35.9, 36, 36.05, 36.1, 38, 38.05, 38.1, 38.5, 39, 39.1, 39.2],
      tenths(30, 43),
    ),
    bloodGlucose: vitalArb(tenths(4.5, 9), [3.9, 4, 14, 14.1, 18, 20, 20.1], tenths(0.5, 40)),
  })
  .map((v) => {
    const vitals: Vitals = {};
    for (const [k, value] of Object.entries(v))
      if (value !== undefined) vitals[k as keyof Vitals] = value;
    return vitals;
  });

/** A call as CallSchema outputs it (defaults applied), about half with on-scene vitals. */
export const callArbitrary: fc.Arbitrary<Call> = fc
  .record({
    age: ageArb,
    sex: fc.constantFrom(...sexes),
    complaint: complaintArb,
    answers: answersArb,
    vitals: fc.oneof(fc.constant<Vitals>({}), vitalsArb),
    // Free text without letters (addresses, unit numbers) can hold no phrase.
    notes: fc.option(fc.oneof({ weight: 4, arbitrary: noteArb }, freeText), {
      nil: undefined,
      freq: 2,
    }),
  })
  .map(({ age, sex, complaint, answers, vitals, notes }) => ({
    patient: { age, sex },
    complaint,
    answers,
    vitals,
    ...(notes === undefined ? {} : { notes }),
  }));

/** `count` calls from a fixed seed, for benchmarks and agreement runs. */
export function sampleCalls(count: number, seed = 20261123): Call[] {
  return fc.sample(callArbitrary, { numRuns: count, seed });
}
