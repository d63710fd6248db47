import type { Answers, Vitals } from '../../shared/call-schema.js';

/**
 * The sepsis screen of NICE NG51 (2016, updated 2024) as the issue states it: a suspected
 * infection (fever, or 38.1 °C or more) with two or more moderate-to-high risk criteria
 * (respiratory rate 21-24, heart rate 91-130, systolic 91-100, temperature below 36.0 °C, new
 * confusion). A reading between two published values counts on the worse side, as for NEWS2
 * (20.5 breaths/min counts, 38.05 °C is a suspected infection). Values beyond a range (rate 25,
 * systolic 85) are NG51's high-risk criteria: they count too, so a worse reading never
 * counts less; NEWS2 already sends such a patient to the ED.
 */
export function sepsisScreen(
  vitals: Vitals,
  answers: Answers,
): { suspectedInfection: boolean; criteria: number } {
  const t = vitals.temperature;
  const suspectedInfection = answers.fever === true || (t !== undefined && t > 38.0);
  let criteria = 0;
  if (vitals.respiratoryRate !== undefined && vitals.respiratoryRate > 20) criteria += 1;
  if (vitals.heartRate !== undefined && vitals.heartRate > 90) criteria += 1;
  if (vitals.systolicBP !== undefined && vitals.systolicBP < 101) criteria += 1;
  if (t !== undefined && t < 36.0) criteria += 1;
  if (answers.newConfusion === true) criteria += 1;
  return { suspectedInfection, criteria };
}

/**
 * A complete set of vital signs for the crisis centre's medical clearance (issue 9, after the
 * Ontario mental health and addiction pathway and the Sudbury evaluation): blood glucose is
 * checked when measured but is not required.
 */
export const completeVitalSet = [
  'heartRate',
  'respiratoryRate',
  'systolicBP',
  'spo2',
  'temperature',
  'gcs',
] as const satisfies readonly (keyof Vitals)[];
