import { describe, expect, it } from 'vitest';
import { toFieldIssues } from '../../server/http/errors.js';
import { CallSchema, CallWithLocationSchema } from '../../shared/call-schema.js';

const valid = {
  receivedAt: '2026-11-23T14:05:00Z',
  location: { lat: 42.9849, lng: -81.2453, address: '123 Example St' },
  patient: { age: 34, sex: 'female', key: 'p-1' },
  complaint: 'mental_health',
  answers: { conscious: true, suicidePlan: false, consentsToAlternate: true },
  vitals: { heartRate: 88, systolicBP: 128 },
  notes: 'free text',
};

function issuesOf(input: unknown) {
  const result = CallSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : toFieldIssues(result.error);
}

describe('CallSchema', () => {
  it('accepts the contract example and fills in defaults', () => {
    expect(CallSchema.parse(valid)).toEqual(valid);
    const minimal = CallSchema.parse({ patient: { age: 40 }, complaint: 'fall' });
    expect(minimal).toEqual({
      patient: { age: 40, sex: 'unknown' },
      complaint: 'fall',
      answers: {},
      vitals: {},
    });
  });

  it('names unknown fields at every level', () => {
    const paths = issuesOf({
      ...valid,
      extra: 1,
      patient: { age: 3, nme: 'x' },
      answers: { foo: true },
    }).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['extra', 'patient.nme', 'answers.foo']));
  });

  it.each([
    ['patient.age', { patient: { age: 121 } }],
    ['patient.age', { patient: { age: 34.5 } }],
    ['patient.age', { patient: { age: -1 } }],
    ['complaint', { complaint: 'headache' }],
    ['answers.conscious', { answers: { conscious: 'yes' } }],
    ['vitals.heartRate', { vitals: { heartRate: 301 } }],
    ['vitals.respiratoryRate', { vitals: { respiratoryRate: -1 } }],
    ['vitals.systolicBP', { vitals: { systolicBP: 301 } }],
    ['vitals.spo2', { vitals: { spo2: 101 } }],
    ['vitals.temperature', { vitals: { temperature: 19.9 } }],
    ['vitals.temperature', { vitals: { temperature: 45.1 } }],
    ['vitals.gcs', { vitals: { gcs: 2 } }],
    ['vitals.gcs', { vitals: { gcs: 14.5 } }],
    ['vitals.bloodGlucose', { vitals: { bloodGlucose: 61 } }],
    ['location.lat', { location: { lat: 91, lng: 0 } }],
    ['location.lng', { location: { lat: 0, lng: -181 } }],
    ['notes', { notes: 'x'.repeat(2001) }],
    ['receivedAt', { receivedAt: 'yesterday' }],
  ])('refuses %s out of bounds', (path, patch) => {
    expect(issuesOf({ ...valid, ...patch }).map((i) => i.path)).toContain(path);
  });

  it('requires a location only for stored calls', () => {
    const { location: _location, ...noLocation } = valid;
    expect(CallSchema.safeParse(noLocation).success).toBe(true);
    expect(CallWithLocationSchema.safeParse(noLocation).success).toBe(false);
    expect(CallWithLocationSchema.safeParse(valid).success).toBe(true);
  });
});
