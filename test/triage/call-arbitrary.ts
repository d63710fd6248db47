/**
 * A fast-check generator of realistic calls for property tests and benchmarks. Calls
 * vary in how thoroughly the call-taker asked the questions and how risky the answers
 * are, so every stage of the specification is reached often; vitals cluster around the
 * NEWS2 band edges as well as normal and extreme values.
 */
import fc from 'fast-check';
import { answerNames, complaints, sexes } from '../../server/triage/call-schema.js';
import type { AnswerName, Call, Complaint, Vitals } from '../../server/triage/call-schema.js';

/** The answer that keeps an alternate pathway open; the other value is the alarming one. */
const reassuring: Record<AnswerName, boolean> = Object.fromEntries(
  answerNames.map((name) => [name, false]),
) as Record<AnswerName, boolean>;
reassuring.conscious = true;
reassuring.breathingNormally = true;
reassuring.consentsToAlternate = true;
reassuring.ambulatory = true;
reassuring.hasSupportAtHome = true;

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
  { weight: 1, arbitrary: fc.constantFrom(15, 16) },
);

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
      answers[name] = alarming < risk ? !reassuring[name] : reassuring[name];
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
      [8, 9, 11, 12, 20, 21, 24, 25],
      fc.integer({ min: 0, max: 80 }),
    ),
    spo2: vitalArb(
      fc.integer({ min: 95, max: 100 }),
      [91, 92, 93, 94, 95, 96],
      fc.integer({ min: 50, max: 100 }),
    ),
    systolicBP: vitalArb(
      fc.integer({ min: 105, max: 160 }),
      [90, 91, 100, 101, 110, 111, 219, 220],
      fc.integer({ min: 40, max: 300 }),
    ),
    heartRate: vitalArb(
      fc.integer({ min: 55, max: 100 }),
      [40, 41, 50, 51, 90, 91, 110, 111, 130, 131],
      fc.integer({ min: 0, max: 250 }),
    ),
    gcs: vitalArb(fc.constant(15), [3, 13, 14, 15], fc.integer({ min: 3, max: 15 })),
    temperature: vitalArb(
      tenths(36.2, 37.8),
      [35, 35.1, 36, 36.1, 38, 38.1, 39, 39.1],
      tenths(30, 43),
    ),
    bloodGlucose: vitalArb(tenths(4.5, 9), [3.9, 4, 20, 20.1], tenths(0.5, 40)),
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
    notes: fc.option(fc.string({ maxLength: 40 }), { nil: undefined, freq: 4 }),
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
