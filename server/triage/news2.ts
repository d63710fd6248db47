import type { Vitals } from './call-schema.js';
import type { News2, News2Parts } from './decision.js';

/**
 * NEWS2 (Royal College of Physicians 2017, SpO2 scale 1). Bands are written as
 * upper bounds ("up to and including") so that decimal readings such as 36.05 °C or
 * 20.5 breaths/min fall in exactly one band instead of between the published ones.
 */
type Band = readonly [upTo: number, score: number];

const bands: Record<Exclude<keyof News2Parts, 'gcs'>, readonly Band[]> = {
  respiratoryRate: [
    [8, 3],
    [11, 1],
    [20, 0],
    [24, 2],
    [Infinity, 3],
  ],
  spo2: [
    [91, 3],
    [93, 2],
    [95, 1],
    [Infinity, 0],
  ],
  systolicBP: [
    [90, 3],
    [100, 2],
    [110, 1],
    [219, 0],
    [Infinity, 3],
  ],
  heartRate: [
    [40, 3],
    [50, 1],
    [90, 0],
    [110, 1],
    [130, 2],
    [Infinity, 3],
  ],
  temperature: [
    [35, 3],
    [36, 1],
    [38, 0],
    [39, 1],
    [Infinity, 2],
  ],
};

function bandScore(value: number, table: readonly Band[]): number {
  for (const [upTo, score] of table) if (value <= upTo) return score;
  return 0;
}

/** Scores the vitals that were measured; an unmeasured vital contributes nothing. */
export function scoreNews2(vitals: Vitals): News2 {
  const parts: News2Parts = {};
  for (const name of Object.keys(bands) as (keyof typeof bands)[]) {
    const value = vitals[name];
    if (value !== undefined) parts[name] = bandScore(value, bands[name]);
  }
  // Any GCS below 15 counts as new confusion or worse (the "C" of ACVPU).
  if (vitals.gcs !== undefined) parts.gcs = vitals.gcs < 15 ? 3 : 0;
  let score = 0;
  for (const part of Object.values(parts)) score += part;
  return { score, parts };
}
