import { describe, expect, it } from 'vitest';
import type { OpeningSpan } from './destination-repository.js';
import { isOpen, minuteOfWeek } from './opening-hours.js';

const TZ = 'America/Toronto';

/**
 * The UTC instant of a Toronto wall-clock time, given the offset in force.
 * November 2026 dates below are after DST ended (Nov 1): EST, UTC-5.
 * July 2026 dates are EDT, UTC-4.
 */
function est(date: string, time: string): Date {
  return new Date(`${date}T${time}:00-05:00`);
}
function edt(date: string, time: string): Date {
  return new Date(`${date}T${time}:00-04:00`);
}

// Calendar, November 2026 (EST): Fri 20, Sat 21, Sun 22, Mon 23, Tue 24.
const FRI = '2026-11-20';
const SAT = '2026-11-21';
const SUN = '2026-11-22';
const MON = '2026-11-23';
const TUE = '2026-11-24';

const day = (weekday: number, opens: string, closes: string): OpeningSpan => ({
  weekday,
  opens,
  closes,
});

describe('minuteOfWeek', () => {
  it('counts minutes from Sunday 00:00 local time', () => {
    expect(minuteOfWeek(est(SUN, '00:00'), TZ)).toBe(0);
    expect(minuteOfWeek(est(SUN, '00:01'), TZ)).toBe(1);
    // Monday 09:30 = 1 day + 9.5 h
    expect(minuteOfWeek(est(MON, '09:30'), TZ)).toBe(1440 + 570);
    // Saturday 23:59 is the last minute of the week
    expect(minuteOfWeek(est(SAT, '23:59'), TZ)).toBe(7 * 1440 - 1);
  });

  it('uses the local day, not the UTC day (Mon 21:00 EST is Tue 02:00 UTC)', () => {
    const at = est(MON, '21:00');
    expect(at.toISOString()).toBe('2026-11-24T02:00:00.000Z');
    expect(minuteOfWeek(at, TZ)).toBe(1440 + 21 * 60);
  });

  it('reports midnight as hour 0, not 24', () => {
    expect(minuteOfWeek(new Date('2026-11-23T05:00:00Z'), TZ)).toBe(1440);
  });

  it('ignores seconds within the minute', () => {
    expect(minuteOfWeek(new Date('2026-11-23T14:30:59Z'), TZ)).toBe(1440 + 9 * 60 + 30);
  });

  it('follows daylight saving time: the same UTC hour is an hour later in summer', () => {
    // 2026-07-15 is a Wednesday; 13:00Z is 09:00 EDT.
    expect(minuteOfWeek(new Date('2026-07-15T13:00:00Z'), TZ)).toBe(3 * 1440 + 9 * 60);
    // 2026-11-25 is a Wednesday; 13:00Z is 08:00 EST.
    expect(minuteOfWeek(new Date('2026-11-25T13:00:00Z'), TZ)).toBe(3 * 1440 + 8 * 60);
  });

  it('works in other time zones', () => {
    expect(minuteOfWeek(new Date('2026-11-23T09:30:00Z'), 'UTC')).toBe(1440 + 570);
    // 09:30Z is Mon 01:30 PST (UTC-8)
    expect(minuteOfWeek(new Date('2026-11-23T09:30:00Z'), 'America/Vancouver')).toBe(1440 + 90);
  });
});

describe('isOpen: a same-day span (Mon 09:00–17:00)', () => {
  const hours = [day(1, '09:00', '17:00')];

  it('is open inside the span', () => {
    expect(isOpen(hours, est(MON, '12:00'), TZ)).toBe(true);
  });

  it('is closed before opening and after closing', () => {
    expect(isOpen(hours, est(MON, '08:59'), TZ)).toBe(false);
    expect(isOpen(hours, est(MON, '17:01'), TZ)).toBe(false);
    expect(isOpen(hours, est(MON, '23:00'), TZ)).toBe(false);
  });

  it('is open at the exact opening minute', () => {
    expect(isOpen(hours, est(MON, '09:00'), TZ)).toBe(true);
  });

  it('is open at the last minute and closed at the exact closing minute', () => {
    expect(isOpen(hours, est(MON, '16:59'), TZ)).toBe(true);
    expect(isOpen(hours, est(MON, '17:00'), TZ)).toBe(false);
  });

  it('is closed at the same time on another day', () => {
    expect(isOpen(hours, est(TUE, '12:00'), TZ)).toBe(false);
    expect(isOpen(hours, est(SUN, '12:00'), TZ)).toBe(false);
  });

  it('judges by local time, not UTC (Mon 12:00 EST is 17:00 UTC)', () => {
    expect(isOpen(hours, new Date('2026-11-23T17:00:00Z'), TZ)).toBe(true);
    expect(isOpen(hours, new Date('2026-11-23T17:00:00Z'), 'UTC')).toBe(false);
  });

  it('handles several spans on one day', () => {
    const split = [day(1, '09:00', '12:00'), day(1, '13:00', '17:00')];
    expect(isOpen(split, est(MON, '11:30'), TZ)).toBe(true);
    expect(isOpen(split, est(MON, '12:30'), TZ)).toBe(false);
    expect(isOpen(split, est(MON, '13:00'), TZ)).toBe(true);
  });
});

describe('isOpen: an overnight span (Fri 22:00–02:00)', () => {
  const hours = [day(5, '22:00', '02:00')];

  it('is open on Friday evening from 22:00', () => {
    expect(isOpen(hours, est(FRI, '21:59'), TZ)).toBe(false);
    expect(isOpen(hours, est(FRI, '22:00'), TZ)).toBe(true);
    expect(isOpen(hours, est(FRI, '23:59'), TZ)).toBe(true);
  });

  it('is open past midnight into Saturday and closed at 02:00', () => {
    expect(isOpen(hours, est(SAT, '00:00'), TZ)).toBe(true);
    expect(isOpen(hours, est(SAT, '01:00'), TZ)).toBe(true);
    expect(isOpen(hours, est(SAT, '01:59'), TZ)).toBe(true);
    expect(isOpen(hours, est(SAT, '02:00'), TZ)).toBe(false);
  });

  it('does not open early Friday morning (the span belongs to Friday night)', () => {
    expect(isOpen(hours, est(FRI, '01:00'), TZ)).toBe(false);
  });
});

describe('isOpen: a Saturday overnight span wrapping into Sunday (Sat 22:00–02:00)', () => {
  const hours = [day(6, '22:00', '02:00')];

  it('is open late Saturday', () => {
    expect(isOpen(hours, est(SAT, '23:30'), TZ)).toBe(true);
  });

  it('is open early Sunday, at the start of the next week', () => {
    expect(isOpen(hours, est(SUN, '00:00'), TZ)).toBe(true);
    expect(isOpen(hours, est(SUN, '01:00'), TZ)).toBe(true);
    expect(isOpen(hours, est(SUN, '01:59'), TZ)).toBe(true);
  });

  it('closes at 02:00 Sunday', () => {
    expect(isOpen(hours, est(SUN, '02:00'), TZ)).toBe(false);
    expect(isOpen(hours, est(SUN, '12:00'), TZ)).toBe(false);
  });

  it('is not open on Saturday early morning', () => {
    expect(isOpen(hours, est(SAT, '01:00'), TZ)).toBe(false);
  });

  it('looks ahead across the week boundary', () => {
    // Sat 23:50 + 30 min = Sun 00:20, still inside the span.
    expect(isOpen(hours, est(SAT, '23:50'), TZ, 30)).toBe(true);
    // Sun 01:45 + 30 min = Sun 02:15, after it closes.
    expect(isOpen(hours, est(SUN, '01:45'), TZ, 30)).toBe(false);
  });
});

describe('isOpen: 24/7 as 00:00–24:00 every day', () => {
  const hours = [0, 1, 2, 3, 4, 5, 6].map((weekday) => day(weekday, '00:00', '24:00'));

  it('is open at any time', () => {
    for (const at of [
      est(MON, '00:00'),
      est(MON, '12:00'),
      est(TUE, '23:59'),
      est(SAT, '23:59'),
      est(SUN, '00:00'),
    ]) {
      expect(isOpen(hours, at, TZ)).toBe(true);
    }
  });

  it('joins up across midnight when looking 30 minutes ahead', () => {
    expect(isOpen(hours, est(MON, '23:45'), TZ, 30)).toBe(true);
  });

  it('joins up across the end of the week (Sat → Sun) when looking ahead', () => {
    expect(isOpen(hours, est(SAT, '23:45'), TZ, 30)).toBe(true);
  });

  it('is not 24/7 when a day is missing: Monday only closes at midnight', () => {
    const weekdaysOnly = hours.filter((span) => span.weekday !== 2);
    expect(isOpen(weekdaysOnly, est(MON, '23:45'), TZ)).toBe(true);
    expect(isOpen(weekdaysOnly, est(MON, '23:45'), TZ, 30)).toBe(false);
  });
});

describe('isOpen: forMinutes (not closing within the margin)', () => {
  const hours = [day(1, '09:00', '17:00')];

  it('is false when closing in 20 minutes', () => {
    expect(isOpen(hours, est(MON, '16:40'), TZ)).toBe(true);
    expect(isOpen(hours, est(MON, '16:40'), TZ, 30)).toBe(false);
  });

  it('is true when closing in 45 minutes', () => {
    expect(isOpen(hours, est(MON, '16:15'), TZ, 30)).toBe(true);
  });

  it('treats the margin as inclusive: closing in exactly 30 counts as closing within 30', () => {
    expect(isOpen(hours, est(MON, '16:29'), TZ, 30)).toBe(true);
    expect(isOpen(hours, est(MON, '16:30'), TZ, 30)).toBe(false);
  });

  it('is false when closed now, however long the margin', () => {
    expect(isOpen(hours, est(MON, '08:45'), TZ, 30)).toBe(false);
  });

  it('treats a zero margin the same as the default', () => {
    expect(isOpen(hours, est(MON, '16:59'), TZ, 0)).toBe(true);
    expect(isOpen(hours, est(MON, '17:00'), TZ, 0)).toBe(false);
  });

  it('joins adjacent spans: Mon 09:00–17:00 then 17:00–21:00 stays open past 17:00', () => {
    const joined = [day(1, '09:00', '17:00'), day(1, '17:00', '21:00')];
    expect(isOpen(joined, est(MON, '16:50'), TZ, 30)).toBe(true);
  });

  it('does not bridge a gap between spans', () => {
    const gap = [day(1, '09:00', '17:00'), day(1, '17:10', '21:00')];
    expect(isOpen(gap, est(MON, '16:50'), TZ, 30)).toBe(false);
  });

  it('for an overnight span, is false 20 minutes before a past-midnight close', () => {
    const overnight = [day(5, '22:00', '02:00')];
    expect(isOpen(overnight, est(SAT, '01:40'), TZ, 30)).toBe(false);
    expect(isOpen(overnight, est(SAT, '01:15'), TZ, 30)).toBe(true);
  });
});

describe('isOpen: empty hours', () => {
  it('is never open', () => {
    expect(isOpen([], est(MON, '12:00'), TZ)).toBe(false);
    expect(isOpen([], est(MON, '12:00'), TZ, 30)).toBe(false);
  });
});

describe('isOpen: daylight saving time', () => {
  // Wednesday 2026-07-15 is in EDT (UTC-4).
  const hours = [day(3, '09:00', '17:00')];

  it('opens at 09:00 EDT, which is 13:00 UTC in summer', () => {
    expect(edt('2026-07-15', '09:00').toISOString()).toBe('2026-07-15T13:00:00.000Z');
    expect(isOpen(hours, new Date('2026-07-15T13:00:00Z'), TZ)).toBe(true);
    expect(isOpen(hours, new Date('2026-07-15T12:59:00Z'), TZ)).toBe(false);
  });

  it('closes at 17:00 EDT, which is 21:00 UTC in summer', () => {
    expect(isOpen(hours, new Date('2026-07-15T20:59:00Z'), TZ)).toBe(true);
    expect(isOpen(hours, new Date('2026-07-15T21:00:00Z'), TZ)).toBe(false);
  });

  it('the same UTC instant in winter is an hour earlier locally (13:00Z is 08:00 EST: closed)', () => {
    // Wednesday 2026-11-25, EST
    expect(isOpen(hours, new Date('2026-11-25T13:00:00Z'), TZ)).toBe(false);
    expect(isOpen(hours, new Date('2026-11-25T14:00:00Z'), TZ)).toBe(true);
    // 21:00Z in winter is 16:00 EST: still open
    expect(isOpen(hours, new Date('2026-11-25T21:00:00Z'), TZ)).toBe(true);
  });
});
