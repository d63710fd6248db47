import * as z from 'zod';
import { numberBetween, oneOf, textUpTo } from './field-words.js';

/** The complaint a call-taker chose, in the contract's words. */
export const complaints = [
  'mental_health',
  'substance_use',
  'fall',
  'chronic_condition',
  'minor_illness',
  'minor_injury',
  'medication_issue',
  'palliative',
  'welfare_check',
  'chest_pain',
  'breathing_problem',
  'stroke_symptoms',
  'unconscious',
  'seizure',
  'bleeding',
  'allergic_reaction',
  'pregnancy',
  'other',
] as const;
export type Complaint = (typeof complaints)[number];

/** Protocol questions; each answer is true, false or absent (absent = not asked, never "no"). */
export const answerNames = [
  'conscious',
  'breathingNormally',
  'chestPain',
  'severeBleeding',
  'strokeSigns',
  'seizureNow',
  'anaphylaxis',
  'suicidalIdeation',
  'suicidePlan',
  'suicideAttempt',
  'homicidalIdeation',
  'weaponsPresent',
  'violent',
  'overdoseSuspected',
  'intoxicated',
  'headInjury',
  'onAnticoagulants',
  'injuryFromFall',
  'unableToGetUp',
  'longLie',
  'pregnant',
  'fever',
  'mentalHealthActApprehension',
  'consentsToAlternate',
  'hasSupportAtHome',
  'ambulatory',
  // Since contract version 2: the NEWS2 items a call-taker or paramedic can answer.
  'onOxygen',
  'spo2Scale2',
  'newConfusion',
] as const;
export type AnswerName = (typeof answerNames)[number];

export const dispositions = [
  'emergency_department',
  'crisis_centre',
  'cp_clinic',
  'home_visit',
] as const;
export type Disposition = (typeof dispositions)[number];

export const acuities = ['emergency', 'urgent', 'non_urgent'] as const;
export type Acuity = (typeof acuities)[number];

export const sexes = ['female', 'male', 'other', 'unknown'] as const;

/**
 * Physical bounds, not clinical ones: a value outside them is a typing or device
 * error and is refused (400) rather than triaged. The browser checks the same bounds
 * (it parses with these schemas) before anything is sent.
 */
export const vitalBounds = {
  heartRate: { min: 0, max: 300, label: 'Heart rate', unit: '/min', whole: false },
  respiratoryRate: { min: 0, max: 80, label: 'Respiratory rate', unit: '/min', whole: false },
  systolicBP: { min: 0, max: 300, label: 'Systolic blood pressure', unit: 'mmHg', whole: false },
  spo2: { min: 0, max: 100, label: 'SpO₂', unit: '%', whole: false },
  temperature: { min: 20, max: 45, label: 'Temperature', unit: '°C', whole: false },
  gcs: { min: 3, max: 15, label: 'GCS', unit: '', whole: true },
  bloodGlucose: { min: 0, max: 60, label: 'Blood glucose', unit: 'mmol/L', whole: false },
} as const;
export type VitalName = keyof typeof vitalBounds;

const vital = (name: VitalName) => {
  const { min, max, label, unit, whole } = vitalBounds[name];
  return numberBetween(label, min, max, { unit, whole }).optional();
};

export const LocationSchema = z.strictObject(
  {
    lat: numberBetween('Latitude', -90, 90),
    lng: numberBetween('Longitude', -180, 180),
    address: z.string().trim().pipe(textUpTo('Address', 500)).optional(),
  },
  {
    error: (issue) =>
      issue.input === undefined
        ? 'Set the location: click the map, or type the latitude and longitude'
        : 'Location must be an object with lat and lng',
  },
);

export const PatientSchema = z.strictObject({
  age: numberBetween('Age', 0, 120, { unit: 'years', whole: true }),
  sex: oneOf(sexes, 'Choose the sex, or Unknown').default('unknown'),
  key: textUpTo('Patient key', 200).optional(),
});

export const AnswersSchema = z.strictObject(
  Object.fromEntries(
    answerNames.map((name) => [
      name,
      z.boolean({ error: 'Answer yes, no or leave unknown' }).optional(),
    ]),
  ) as Record<AnswerName, z.ZodOptional<z.ZodBoolean>>,
);

export const VitalsSchema = z.strictObject({
  heartRate: vital('heartRate'),
  respiratoryRate: vital('respiratoryRate'),
  systolicBP: vital('systolicBP'),
  spo2: vital('spo2'),
  temperature: vital('temperature'),
  gcs: vital('gcs'),
  bloodGlucose: vital('bloodGlucose'),
});

const callShape = {
  // Kept optional here so that a decision never depends on the clock; callers that
  // store a call fill in "now" themselves.
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  location: LocationSchema.optional(),
  patient: PatientSchema,
  complaint: oneOf(complaints, 'Choose the complaint'),
  answers: AnswersSchema.default({}),
  vitals: VitalsSchema.default({}),
  notes: z
    .string({ error: 'Notes must be text' })
    .max(2000, { error: 'Notes must be at most 2000 characters' })
    .optional(),
};

/** A call as POST /api/triage and the command line accept it (location optional). */
export const CallSchema = z.strictObject(callShape);

/** A call as POST /api/calls accepts it: the same, with a location. */
export const CallWithLocationSchema = z.strictObject({ ...callShape, location: LocationSchema });

export type Call = z.infer<typeof CallSchema>;
export type CallInput = z.input<typeof CallSchema>;
export type CallWithLocation = z.infer<typeof CallWithLocationSchema>;
export type Answers = z.infer<typeof AnswersSchema>;
export type Vitals = z.infer<typeof VitalsSchema>;
