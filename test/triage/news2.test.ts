import { describe, expect, it } from 'vitest';
import { scoreNews2 } from '../../server/triage/news2.js';
import * as reference from './reference.js';

describe('NEWS2 scoring', () => {
  it('matches the reference on every tenth across each physical range', () => {
    for (let tenths = 0; tenths <= 3000; tenths += 1) {
      const x = tenths / 10;
      const { parts } = scoreNews2({
        respiratoryRate: Math.min(x, 80),
        spo2: Math.min(x, 100),
        systolicBP: x,
        heartRate: x,
        temperature: Math.min(Math.max(x, 20), 45),
      });
      expect(parts.respiratoryRate).toBe(reference.respiratoryRateScore(Math.min(x, 80)));
      expect(parts.spo2).toBe(reference.spo2Score(Math.min(x, 100)));
      expect(parts.systolicBP).toBe(reference.systolicScore(x));
      expect(parts.heartRate).toBe(reference.heartRateScore(x));
      expect(parts.temperature).toBe(reference.temperatureScore(Math.min(Math.max(x, 20), 45)));
    }
  });

  it('scores only the vitals present and sums them', () => {
    expect(scoreNews2({})).toEqual({ score: 0, parts: {} });
    expect(scoreNews2({ gcs: 14, heartRate: 95 })).toEqual({
      score: 4,
      parts: { gcs: 3, heartRate: 1 },
    });
  });

  it('puts decimals between published bands into one band', () => {
    expect(scoreNews2({ temperature: 36.05 }).parts.temperature).toBe(0);
    expect(scoreNews2({ respiratoryRate: 20.5 }).parts.respiratoryRate).toBe(2);
  });
});
