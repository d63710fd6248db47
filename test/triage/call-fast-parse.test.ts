/** The command line's fast path accepts exactly what CallSchema accepts, and returns the same. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastParseCall } from '../../server/triage/call-fast-parse.js';
import { CallSchema } from '../../shared/call-schema.js';
import { callArbitrary } from './call-arbitrary.js';

const extras = fc.record(
  {
    receivedAt: fc.constantFrom(
      '2026-11-23T14:05:00Z',
      '2026-11-23T14:05:00.123+02:00',
      '2026-11-23 14:05',
      '2026-13-01T00:00:00Z',
    ),
    location: fc.record(
      {
        lat: fc.oneof(fc.double({ min: -90, max: 90, noNaN: true }), fc.constantFrom(91, -91)),
        lng: fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constant(200)),
        address: fc.constantFrom('  12 Main St ', '', '   ', 'x'.repeat(501), '1 Test Lane'),
      },
      { requiredKeys: ['lat', 'lng'] },
    ),
    sexless: fc.boolean(),
    noAnswers: fc.boolean(),
  },
  { requiredKeys: [] },
);

// A damaged call is loose JSON: any field may hold anything.
/* eslint-disable @typescript-eslint/no-explicit-any */
/** Small damage of the kind a bad line has: a wrong type, an unknown key, a value out of range. */
const damage = fc.constantFrom<((o: Record<string, any>) => void) | null>(
  null,
  null,
  (o) => (o.extra = 1),
  (o) => (o.patient.age = 121),
  (o) => (o.patient.age = 30.5),
  (o) => (o.patient.sex = 'f'),
  (o) => (o.patient.key = ''),
  (o) => (o.complaint = 'headache'),
  (o) => (o.answers = { ...o.answers, conscious: 'yes' }),
  (o) => (o.answers = { ...o.answers, unknownQuestion: true }),
  (o) => (o.vitals = { ...o.vitals, gcs: 14.5 }),
  (o) => (o.vitals = { ...o.vitals, spo2: 101 }),
  (o) => (o.vitals = { ...o.vitals, heartRate: '80' }),
  (o) => (o.vitals = null),
  (o) => (o.answers = []),
  (o) => (o.notes = 'x'.repeat(2001)),
  (o) => (o.notes = 5),
);

describe('fastParseCall', () => {
  it('agrees with CallSchema on valid and damaged calls', () => {
    fc.assert(
      fc.property(callArbitrary, extras, damage, (call, extra, hurt) => {
        const input: Record<string, any> = JSON.parse(JSON.stringify(call));
        if (extra.receivedAt) input.receivedAt = extra.receivedAt;
        if (extra.location) input.location = extra.location;
        if (extra.sexless) delete input.patient.sex;
        if (extra.noAnswers) delete input.answers;
        hurt?.(input);
        const text = JSON.stringify(input);
        const expected = CallSchema.safeParse(JSON.parse(text));
        const fast = fastParseCall(JSON.parse(text));
        if (expected.success) expect(fast).toEqual(expected.data);
        else expect(fast).toBeUndefined();
      }),
      { numRuns: 5_000 },
    );
  });
});
