/**
 * Building blocks for the hand-written vignettes: a call, answer sets that keep a pathway
 * open, and the shape of an expectation. Each vignette names its class (issue 9's list of
 * faults, or a v1 behaviour kept) and the published source its expectation rests on.
 */
import type { AnswerName, CallInput, Complaint, Vitals } from '../../shared/call-schema.js';

export type Outcome = 'EMERGENCY' | 'URGENT' | 'crisis_centre' | 'cp_clinic' | 'home_visit';

export const vignetteClasses = [
  'v1-kept',
  'red-flag-any-complaint',
  'answers-now-read',
  'complaint-key-questions',
  'crisis-centre-clearance',
  'sepsis',
  'news2-complete',
  'notes',
  'urgent-alternates',
] as const;
export type VignetteClass = (typeof vignetteClasses)[number];

export interface Vignette {
  name: string;
  class: VignetteClass;
  /** The published text the expected decision rests on. */
  source: string;
  call: CallInput;
  expect: Outcome;
  /** For an alternate pathway: urgent (true) or not (absent). */
  urgent?: true;
  missing?: AnswerName[];
  /** Ids of the checks the decision carries, when the vignette is about them. */
  checks?: string[];
  /** A rule id that must be among the reasons. */
  rule?: string;
  /** A NEWS2 part and the score it must have, e.g. ['heartRate', 1]. */
  part?: [string, number];
  news2?: number;
}

export type Answers = NonNullable<CallInput['answers']>;

export const base: Answers = {
  conscious: true,
  breathingNormally: true,
  chestPain: false,
  consentsToAlternate: true,
};
export const crisisOk: Answers = {
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
export const fallOk: Answers = {
  ...base,
  injuryFromFall: false,
  headInjury: false,
  longLie: false,
};
export const medicationOk: Answers = { ...base, overdoseSuspected: false };
export const injuryOk: Answers = { ...base, severeBleeding: false, headInjury: false };
/** A complete, normal set of vital signs: the crisis centre's medical clearance passes. */
export const clearVitals: Vitals = {
  heartRate: 80,
  respiratoryRate: 16,
  systolicBP: 128,
  spo2: 98,
  temperature: 36.8,
  gcs: 15,
};

/** The answers that open each complaint's pathway, v2's key questions included. */
export const openAnswers: Partial<Record<Complaint, Answers>> = {
  mental_health: crisisOk,
  substance_use: crisisOk,
  fall: fallOk,
  chronic_condition: { ...base, ambulatory: true },
  minor_illness: base,
  minor_injury: injuryOk,
  medication_issue: medicationOk,
  palliative: base,
  welfare_check: base,
};
export const pathwayComplaints = Object.keys(openAnswers) as Complaint[];
export const openOutcome = (c: Complaint): Outcome =>
  c === 'mental_health' || c === 'substance_use'
    ? 'crisis_centre'
    : c === 'chronic_condition'
      ? 'cp_clinic'
      : 'home_visit';

export function call(
  complaint: Complaint,
  answers: Answers = {},
  vitals: Vitals = {},
  age = 42,
  notes?: string,
): CallInput {
  return { patient: { age }, complaint, answers, vitals, ...(notes ? { notes } : {}) };
}

export const without = (answers: Answers, ...names: AnswerName[]): Answers =>
  Object.fromEntries(Object.entries(answers).filter(([k]) => !names.includes(k as AnswerName)));

export const MPDS = 'MPDS (IAED Medical Priority Dispatch System) key questions';
export const NEWS2 = 'RCP National Early Warning Score (NEWS2), 2017';
export const NG232 = 'NICE NG232 Head injury (2023): CT within 8 h on anticoagulants';
export const NG51 = 'NICE NG51 Sepsis: recognition, diagnosis and early management';
export const SUDBURY =
  'Sudbury MHA triage and transport protocol (Bismah et al., CJEM 2019; CJEM 2017 P018)';
export const MLPS = 'Middlesex-London MHA alternate pathway (Meijer et al., IJERPH 2024)';
export const CONTRACT = 'altpath triage contract v2 (fail safe: absent means unknown)';
