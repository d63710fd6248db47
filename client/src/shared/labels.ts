// Words a dispatcher reads. Each map is a Record over a contract type, so a new
// complaint, question or status on the server fails to compile until it has a label.
import type {
  AnswerName,
  CallStatus,
  CancelReason,
  Capacity,
  Complaint,
  Disposition,
  Outcome,
  Sex,
  UnitSkill,
  UnitStatus,
  VitalName,
} from './contract.js';

export const complaintLabels: Record<Complaint, string> = {
  mental_health: 'Mental health',
  substance_use: 'Substance use',
  fall: 'Fall',
  chronic_condition: 'Chronic condition',
  minor_illness: 'Minor illness',
  minor_injury: 'Minor injury',
  medication_issue: 'Medication issue',
  palliative: 'Palliative',
  welfare_check: 'Welfare check',
  chest_pain: 'Chest pain',
  breathing_problem: 'Breathing problem',
  stroke_symptoms: 'Stroke symptoms',
  unconscious: 'Unconscious',
  seizure: 'Seizure',
  bleeding: 'Bleeding',
  allergic_reaction: 'Allergic reaction',
  pregnancy: 'Pregnancy',
  other: 'Other',
};

export const answerLabels: Record<AnswerName, string> = {
  conscious: 'Conscious?',
  breathingNormally: 'Breathing normally?',
  chestPain: 'Chest pain?',
  severeBleeding: 'Severe bleeding?',
  strokeSigns: 'Stroke signs (face, arm, speech)?',
  seizureNow: 'Seizing now?',
  anaphylaxis: 'Anaphylaxis signs?',
  suicidalIdeation: 'Thoughts of suicide?',
  suicidePlan: 'Suicide plan or means at hand?',
  suicideAttempt: 'Attempt or self-harm injury now?',
  homicidalIdeation: 'Thoughts of harming others?',
  weaponsPresent: 'Weapons present?',
  violent: 'Violent now?',
  overdoseSuspected: 'Overdose suspected?',
  intoxicated: 'Intoxicated?',
  headInjury: 'Head injury?',
  onAnticoagulants: 'On blood thinners?',
  injuryFromFall: 'Injury, deformity or new pain from the fall?',
  unableToGetUp: 'Unable to get up?',
  longLie: 'On the floor an hour or more?',
  pregnant: 'Pregnant?',
  fever: 'Fever?',
  mentalHealthActApprehension: 'Police apprehension or MHA form?',
  consentsToAlternate: 'Consents to an alternate pathway?',
  hasSupportAtHome: 'Support at home?',
  ambulatory: 'Walks unaided?',
  onOxygen: 'On supplemental oxygen now?',
  spo2Scale2: 'Prescribed SpO2 target 88-92 % (hypercapnic failure)?',
  newConfusion: 'New confusion or not their usual self?',
};

/** The protocol questions in the order a call-taker asks them. */
export const questionGroups: Array<{ title: string; questions: AnswerName[] }> = [
  {
    title: 'Airway, breathing, red flags',
    questions: [
      'conscious',
      'breathingNormally',
      'chestPain',
      'severeBleeding',
      'strokeSigns',
      'seizureNow',
      'anaphylaxis',
    ],
  },
  {
    title: 'Mental health and safety',
    questions: [
      'suicidalIdeation',
      'suicidePlan',
      'suicideAttempt',
      'homicidalIdeation',
      'weaponsPresent',
      'violent',
      'overdoseSuspected',
      'intoxicated',
      'mentalHealthActApprehension',
    ],
  },
  {
    title: 'Falls and injury',
    questions: ['injuryFromFall', 'headInjury', 'onAnticoagulants', 'unableToGetUp', 'longLie'],
  },
  { title: 'NEWS2 and infection', questions: ['newConfusion', 'onOxygen', 'spo2Scale2', 'fever'] },
  { title: 'Other', questions: ['pregnant'] },
  { title: 'Pathway', questions: ['consentsToAlternate', 'hasSupportAtHome', 'ambulatory'] },
];

export const vitalFields: Array<{ name: VitalName; label: string; step: string }> = [
  { name: 'heartRate', label: 'Heart rate /min', step: '1' },
  { name: 'respiratoryRate', label: 'Resp. rate /min', step: '1' },
  { name: 'systolicBP', label: 'Systolic BP mmHg', step: '1' },
  { name: 'spo2', label: 'SpO₂ %', step: '1' },
  { name: 'temperature', label: 'Temp °C', step: '0.1' },
  { name: 'gcs', label: 'GCS 3–15', step: '1' },
  { name: 'bloodGlucose', label: 'Glucose mmol/L', step: '0.1' },
];

export const sexLabels: Record<Sex, string> = {
  unknown: 'Unknown',
  female: 'Female',
  male: 'Male',
  other: 'Other',
};

export const dispositionLabels: Record<Disposition, string> = {
  emergency_department: 'Emergency department',
  crisis_centre: 'Crisis centre',
  cp_clinic: 'CP@clinic',
  home_visit: 'Home visit',
};

export const acuityLabels: Record<string, string> = {
  emergency: 'Emergency',
  urgent: 'Urgent',
  non_urgent: 'Non-urgent',
};

export const callStatusLabels: Record<CallStatus, string> = {
  pending: 'Pending',
  offered: 'Offered',
  active: 'Active',
  completed: 'Completed',
  cancelled: 'Cancelled',
  handed_off: 'Handed to ambulance dispatch',
};

export const cancelReasonLabels: Record<CancelReason, string> = {
  caller_cancelled: 'Caller cancelled',
  duplicate: 'Duplicate of another call',
  no_patient_found: 'No patient found',
  handled_by_phone: 'Handled by phone',
  other: 'Other',
};

export { assignmentStatusLabels } from '../../../shared/assignments.js';

export const unitStatusLabels: Record<UnitStatus, string> = {
  available: 'Available',
  offered: 'Offered',
  assigned: 'Assigned',
  off_shift: 'Off shift',
  out_of_service: 'Out of service',
};

export const skillLabels: Record<UnitSkill, string> = {
  mental_health: 'Mental health',
  substance_use: 'Substance use',
  falls: 'Falls',
  wound_care: 'Wound care',
  chronic_disease: 'Chronic disease',
  palliative: 'Palliative care',
};

/** A unit's skills in words ("Mental health, Falls"); a skill with no label shows as stored. */
export const skillsText = (skills: readonly string[]): string =>
  skills.map((skill) => skillLabels[skill as UnitSkill] ?? skill).join(', ') || 'No skills listed';

export const capacityLabels: Record<Capacity, string> = {
  green: 'Green',
  amber: 'Amber',
  red: 'Red',
};

export const outcomeLabels: Record<Outcome, string> = {
  treated_in_place: 'Treated in place',
  referred: 'Referred',
  transported_crisis_centre: 'Transported to crisis centre',
  transported_cp_clinic: 'Transported to CP@clinic',
  transported_ed: 'Transported to ED',
  refused_care: 'Refused care',
};

export const destinationTypeLabels: Record<string, { label: string; short: string }> = {
  emergency_department: { label: 'Emergency department', short: 'ED' },
  crisis_centre: { label: 'Crisis centre', short: 'CC' },
  cp_clinic: { label: 'CP@clinic', short: 'CL' },
};

export const label = <K extends string>(labels: Record<K, string>, key: K): string =>
  labels[key] ?? key;

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export const km = (value: number) => `${value.toFixed(1)} km`;

/** A day and time, for what is planned ahead (a visit tomorrow, next week). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? ''
    : date.toLocaleString([], {
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        hour: '2-digit',
        minute: '2-digit',
      });
}
