// The crisis centre's medical clearance (rule set v2), as the crew's checklist shows it:
// the six NEWS2 vital signs that make a complete set, each with the range the rules
// accept, and the answers that rule the centre out. The rules themselves
// (rules/03-exclusions.json, rules/06-urgency-and-checks.json) decide; a unit test holds
// this list to them, so the checklist cannot promise what the rules refuse.
import type { AnswerName, Vitals } from './call-schema.js';

/** The check a crisis-centre decision carries until a complete, in-range set confirms it. */
export const clearanceCheckId = 'crisis-centre-medical-clearance';

export interface ClearanceRange {
  vital: keyof Vitals;
  /** The range in words, as the Sudbury protocol gives it. */
  text: string;
  /** Closed interval; a bound left out is open on that side. */
  min?: number;
  max?: number;
  /** Part of the complete set the transport gate needs (glucose is checked only when measured). */
  required: boolean;
}

export const clearanceRanges: readonly ClearanceRange[] = [
  { vital: 'heartRate', text: 'Heart rate 50–120 /min', min: 50, max: 120, required: true },
  {
    vital: 'respiratoryRate',
    text: 'Respiratory rate 12–24 /min',
    min: 12,
    max: 24,
    required: true,
  },
  { vital: 'systolicBP', text: 'Systolic BP 100–180 mmHg', min: 100, max: 180, required: true },
  { vital: 'spo2', text: 'SpO₂ 94 % or more', min: 94, required: true },
  { vital: 'temperature', text: 'Temperature 36.1–38.0 °C', min: 36.1, max: 38.0, required: true },
  { vital: 'gcs', text: 'GCS 15', min: 15, required: true },
  {
    vital: 'bloodGlucose',
    text: 'Glucose 4.0–14.0 mmol/L (if measured)',
    min: 4.0,
    max: 14.0,
    required: false,
  },
];

/** Answers that keep a patient from the crisis centre (docs/clinical-safety.md, reading 4). */
export const clearanceExclusions: ReadonlyArray<{ answer: AnswerName; text: string }> = [
  { answer: 'onOxygen', text: 'Not on supplemental oxygen' },
  { answer: 'unableToGetUp', text: 'Able to get up' },
];

export type ClearanceState = 'unmeasured' | 'in_range' | 'outside';

export function rangeState(range: ClearanceRange, value: number | undefined): ClearanceState {
  if (value === undefined || Number.isNaN(value)) return 'unmeasured';
  if (range.min !== undefined && value < range.min) return 'outside';
  if (range.max !== undefined && value > range.max) return 'outside';
  return 'in_range';
}
