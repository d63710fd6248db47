/**
 * NEWS2 as the Royal College of Physicians published it (2017), written for the reference
 * implementation from the chart, not from server/triage/news2.ts. The chart's bands are whole
 * numbers (tenths for temperature); the rule for a reading between two bands is
 * "the more severe one", so each threshold below sits where the worse band begins.
 */
import type { Answers, Vitals } from '../../shared/call-schema.js';

export function respiratoryRateScore(rr: number): number {
  if (rr < 9) return 3; // ≤ 8
  if (rr < 12) return 1; // 9-11
  if (rr <= 20) return 0; // 12-20
  if (rr <= 24) return 2; // 21-24
  return 3; // ≥ 25
}
export function spo2Scale1Score(spo2: number): number {
  if (spo2 < 92) return 3; // ≤ 91
  if (spo2 < 94) return 2; // 92-93
  if (spo2 < 96) return 1; // 94-95
  return 0; // ≥ 96
}
/** Scale 2: for a prescribed target of 88-92 %; above it, only oxygen makes it score. */
export function spo2Scale2Score(spo2: number, onOxygenOrUnknown: boolean): number {
  if (spo2 < 84) return 3; // ≤ 83
  if (spo2 < 86) return 2; // 84-85
  if (spo2 < 88) return 1; // 86-87
  if (!onOxygenOrUnknown || spo2 <= 92) return 0; // 88-92, or ≥ 93 on air
  if (spo2 <= 94) return 1; // 93-94 on oxygen
  if (spo2 <= 96) return 2; // 95-96 on oxygen
  return 3; // ≥ 97 on oxygen
}
export function systolicScore(sbp: number): number {
  if (sbp < 91) return 3; // ≤ 90
  if (sbp < 101) return 2; // 91-100
  if (sbp < 111) return 1; // 101-110
  if (sbp <= 219) return 0; // 111-219
  return 3; // ≥ 220
}
export function heartRateScore(hr: number): number {
  if (hr < 41) return 3; // ≤ 40
  if (hr < 51) return 1; // 41-50
  if (hr <= 90) return 0; // 51-90
  if (hr <= 110) return 1; // 91-110
  if (hr <= 130) return 2; // 111-130
  return 3; // ≥ 131
}
export function temperatureScore(t: number): number {
  if (t < 35.1) return 3; // ≤ 35.0
  if (t < 36.1) return 1; // 35.1-36.0
  if (t <= 38.0) return 0; // 36.1-38.0
  if (t <= 39.0) return 1; // 38.1-39.0
  return 2; // ≥ 39.1
}

/** Each item scored (absent when neither measured nor answered), and their sum. */
export function referenceNews2(
  vitals: Vitals,
  answers: Answers,
): { score: number; parts: number[] } {
  const parts: number[] = [];
  if (vitals.respiratoryRate !== undefined)
    parts.push(respiratoryRateScore(vitals.respiratoryRate));
  if (vitals.spo2 !== undefined)
    parts.push(
      answers.spo2Scale2 === true
        ? spo2Scale2Score(vitals.spo2, answers.onOxygen !== false)
        : spo2Scale1Score(vitals.spo2),
    );
  if (answers.onOxygen !== undefined) parts.push(answers.onOxygen ? 2 : 0);
  if (vitals.systolicBP !== undefined) parts.push(systolicScore(vitals.systolicBP));
  if (vitals.heartRate !== undefined) parts.push(heartRateScore(vitals.heartRate));
  if (vitals.gcs !== undefined || answers.newConfusion !== undefined)
    parts.push(answers.newConfusion === true || (vitals.gcs ?? 15) < 15 ? 3 : 0);
  if (vitals.temperature !== undefined) parts.push(temperatureScore(vitals.temperature));
  return { score: parts.reduce((a, b) => a + b, 0), parts };
}
