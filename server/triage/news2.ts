import type { Answers, Vitals } from '../../shared/call-schema.js';
import type { News2, News2Parts } from '../../shared/decision.js';

/**
 * NEWS2 (Royal College of Physicians 2017). Bands are the published ones, inclusive at both
 * ends. A reading that falls between two published bands (SpO2 91.4, systolic 90.4, heart
 * rate 40.6, 35.04 °C) scores in the more severe of the two: rounding must never hide a
 * worse score.
 */
type Band = readonly [from: number, to: number, score: number];

/** Scores a reading on a table of bands in ascending order, gaps going to the worse side. */
export function bandScore(value: number, table: readonly Band[]): number {
  let previous: Band | undefined;
  for (const band of table) {
    const [from, to, score] = band;
    if (value <= to) {
      if (value >= from) return score;
      // Between `previous` and this band: the more severe of the two.
      return previous ? Math.max(previous[2], score) : score;
    }
    previous = band;
  }
  return previous?.[2] ?? 0;
}

const tables = {
  respiratoryRate: [
    [-Infinity, 8, 3],
    [9, 11, 1],
    [12, 20, 0],
    [21, 24, 2],
    [25, Infinity, 3],
  ],
  systolicBP: [
    [-Infinity, 90, 3],
    [91, 100, 2],
    [101, 110, 1],
    [111, 219, 0],
    [220, Infinity, 3],
  ],
  heartRate: [
    [-Infinity, 40, 3],
    [41, 50, 1],
    [51, 90, 0],
    [91, 110, 1],
    [111, 130, 2],
    [131, Infinity, 3],
  ],
  temperature: [
    [-Infinity, 35.0, 3],
    [35.1, 36.0, 1],
    [36.1, 38.0, 0],
    [38.1, 39.0, 1],
    [39.1, Infinity, 2],
  ],
  spo2Scale1: [
    [-Infinity, 91, 3],
    [92, 93, 2],
    [94, 95, 1],
    [96, Infinity, 0],
  ],
  // Scale 2 (prescribed target 88-92 %): at 93 % or more it scores only when on oxygen.
  spo2Scale2OnOxygen: [
    [-Infinity, 83, 3],
    [84, 85, 2],
    [86, 87, 1],
    [88, 92, 0],
    [93, 94, 1],
    [95, 96, 2],
    [97, Infinity, 3],
  ],
  spo2Scale2OnAir: [
    [-Infinity, 83, 3],
    [84, 85, 2],
    [86, 87, 1],
    [88, Infinity, 0],
  ],
} satisfies Record<string, readonly Band[]>;

/** The points NEWS2 gives a patient on supplemental oxygen (the "air or oxygen?" item). */
export const onOxygenScore = 2;

/**
 * Scores what was measured and answered; an unmeasured vital or an unasked question
 * contributes nothing. Scale 2 is used only when `spo2Scale2` is true; then an unknown
 * oxygen answer reads as on oxygen (the more severe reading of scale 2).
 */
export function scoreNews2(vitals: Vitals, answers: Answers = {}): News2 {
  const parts: News2Parts = {};
  if (vitals.respiratoryRate !== undefined)
    parts.respiratoryRate = bandScore(vitals.respiratoryRate, tables.respiratoryRate);
  if (vitals.spo2 !== undefined) {
    const table =
      answers.spo2Scale2 !== true
        ? tables.spo2Scale1
        : answers.onOxygen === false
          ? tables.spo2Scale2OnAir
          : tables.spo2Scale2OnOxygen;
    parts.spo2 = bandScore(vitals.spo2, table);
  }
  if (answers.onOxygen !== undefined) parts.oxygen = answers.onOxygen ? onOxygenScore : 0;
  if (vitals.systolicBP !== undefined)
    parts.systolicBP = bandScore(vitals.systolicBP, tables.systolicBP);
  if (vitals.heartRate !== undefined)
    parts.heartRate = bandScore(vitals.heartRate, tables.heartRate);
  // Consciousness (ACVPU): new confusion scores 3, as does any GCS below 15.
  if (vitals.gcs !== undefined || answers.newConfusion !== undefined)
    parts.gcs = (vitals.gcs !== undefined && vitals.gcs < 15) || answers.newConfusion ? 3 : 0;
  if (vitals.temperature !== undefined)
    parts.temperature = bandScore(vitals.temperature, tables.temperature);
  let score = 0;
  for (const part of Object.values(parts)) score += part;
  return { score, parts };
}
