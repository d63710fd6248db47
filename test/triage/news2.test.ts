import { describe, expect, it } from 'vitest';
import { scoreNews2 } from '../../server/triage/news2.js';
import * as reference from './reference-news2.js';

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
      expect(parts.spo2).toBe(reference.spo2Scale1Score(Math.min(x, 100)));
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

  it('scores a reading between two published bands in the more severe one', () => {
    expect(scoreNews2({ spo2: 91.4 }).parts.spo2).toBe(3);
    expect(scoreNews2({ systolicBP: 90.4 }).parts.systolicBP).toBe(3);
    expect(scoreNews2({ heartRate: 40.6 }).parts.heartRate).toBe(3);
    expect(scoreNews2({ temperature: 35.04 }).parts.temperature).toBe(3);
    expect(scoreNews2({ temperature: 36.05 }).parts.temperature).toBe(1);
    expect(scoreNews2({ temperature: 38.05 }).parts.temperature).toBe(1);
    expect(scoreNews2({ respiratoryRate: 20.5 }).parts.respiratoryRate).toBe(2);
    expect(scoreNews2({ respiratoryRate: 11.5 }).parts.respiratoryRate).toBe(1);
    expect(scoreNews2({ heartRate: 90.5 }).parts.heartRate).toBe(1);
  });

  it('scores the air-or-oxygen item, SpO2 scale 2 and new confusion', () => {
    expect(scoreNews2({}, { onOxygen: true })).toEqual({ score: 2, parts: { oxygen: 2 } });
    expect(scoreNews2({}, { onOxygen: false })).toEqual({ score: 0, parts: { oxygen: 0 } });
    expect(scoreNews2({ gcs: 15 }, { newConfusion: true }).parts.gcs).toBe(3);
    expect(scoreNews2({}, { newConfusion: false }).parts.gcs).toBe(0);
    // Scale 2: 89 % is on target; 97 % on oxygen scores 3, on air 0.
    expect(scoreNews2({ spo2: 89 }, { spo2Scale2: true, onOxygen: false }).parts.spo2).toBe(0);
    expect(scoreNews2({ spo2: 89 }).parts.spo2).toBe(3);
    expect(scoreNews2({ spo2: 97 }, { spo2Scale2: true, onOxygen: true }).parts.spo2).toBe(3);
    expect(scoreNews2({ spo2: 97 }, { spo2Scale2: true, onOxygen: false }).parts.spo2).toBe(0);
    // Oxygen not asked: scale 2 reads as on oxygen, the more severe reading.
    expect(scoreNews2({ spo2: 95 }, { spo2Scale2: true }).parts.spo2).toBe(2);
    expect(scoreNews2({ spo2: 83.5 }, { spo2Scale2: true }).parts.spo2).toBe(3);
  });

  it('matches the reference on scale 2, on and off oxygen, at every tenth', () => {
    for (let tenths = 0; tenths <= 1000; tenths += 1) {
      const spo2 = tenths / 10;
      for (const onOxygen of [true, false, undefined]) {
        const answers = { spo2Scale2: true, ...(onOxygen === undefined ? {} : { onOxygen }) };
        expect(scoreNews2({ spo2 }, answers).parts.spo2).toBe(
          reference.spo2Scale2Score(spo2, onOxygen !== false),
        );
      }
    }
  });
});
