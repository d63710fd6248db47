import { z } from 'zod';

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
 * error and is refused (400) rather than triaged.
 */
export const vitalBounds = {
  heartRate: { min: 0, max: 300 },
  respiratoryRate: { min: 0, max: 80 },
  systolicBP: { min: 0, max: 300 },
  spo2: { min: 0, max: 100 },
  temperature: { min: 20, max: 45 },
  gcs: { min: 3, max: 15 },
  bloodGlucose: { min: 0, max: 60 },
} as const;

const vital = (name: keyof typeof vitalBounds) =>
  z.number().min(vitalBounds[name].min).max(vitalBounds[name].max).optional();

export const LocationSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  address: z.string().trim().min(1).max(500).optional(),
});

export const PatientSchema = z.strictObject({
  age: z.number().int().min(0).max(120),
  sex: z.enum(sexes).default('unknown'),
  key: z.string().min(1).max(200).optional(),
});

export const AnswersSchema = z.strictObject(
  Object.fromEntries(answerNames.map((name) => [name, z.boolean().optional()])) as Record<
    AnswerName,
    z.ZodOptional<z.ZodBoolean>
  >,
);

export const VitalsSchema = z.strictObject({
  heartRate: vital('heartRate'),
  respiratoryRate: vital('respiratoryRate'),
  systolicBP: vital('systolicBP'),
  spo2: vital('spo2'),
  temperature: vital('temperature'),
  gcs: z.number().int().min(vitalBounds.gcs.min).max(vitalBounds.gcs.max).optional(),
  bloodGlucose: vital('bloodGlucose'),
});

const callShape = {
  // Kept optional here so that a decision never depends on the clock; callers that
  // store a call fill in "now" themselves.
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  location: LocationSchema.optional(),
  patient: PatientSchema,
  complaint: z.enum(complaints),
  answers: AnswersSchema.default({}),
  vitals: VitalsSchema.default({}),
  notes: z.string().max(2000).optional(),
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
