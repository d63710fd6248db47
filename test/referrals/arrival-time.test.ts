import { describe, expect, it } from 'vitest';
import { arrivalInstant, clockNow } from '../../client/src/partner/arrival-time.js';

// The partner board's arrival time: staff type the clock time the crew arrived.

describe('arrival time on the partner board', () => {
  const now = new Date(2026, 11, 2, 14, 30, 20); // local time, as the browser's clock

  it('reads a time earlier today as today', () => {
    expect(new Date(arrivalInstant('14:05', now) ?? '')).toEqual(new Date(2026, 11, 2, 14, 5));
    expect(new Date(arrivalInstant('14:30', now) ?? '')).toEqual(new Date(2026, 11, 2, 14, 30));
  });

  it('reads a time later than now as yesterday (a handover past midnight)', () => {
    const justAfterMidnight = new Date(2026, 11, 2, 0, 10);
    expect(new Date(arrivalInstant('23:50', justAfterMidnight) ?? '')).toEqual(
      new Date(2026, 11, 1, 23, 50),
    );
  });

  it('refuses what is not hours and minutes', () => {
    for (const bad of ['', '9:5', '1430', 'soon']) expect(arrivalInstant(bad, now)).toBeNull();
  });

  it('defaults to the clock now', () => {
    expect(clockNow(now)).toBe('14:30');
  });
});
