import { buildCrisisCall } from '../support/calls.js';

// What identifies a test patient: a lead must never receive any of it.
export const secrets = {
  notes: 'MATRIX-SECRET-NOTE lives with her daughter',
  address: '77 Matrix Hidden Lane',
  key: 'MATRIX-PATIENT-KEY',
  lat: 42.98234,
  lng: -81.24567,
};

export const secretCall = () =>
  buildCrisisCall({
    notes: secrets.notes,
    patient: { age: 34, sex: 'female', key: secrets.key },
    location: { lat: secrets.lat, lng: secrets.lng, address: secrets.address },
  });

/** The first identifying detail found anywhere in `payload`, if any (exact coordinates count). */
export function leaksPatient(payload: unknown): string | undefined {
  const text = JSON.stringify(payload) ?? '';
  return [
    secrets.notes,
    secrets.address,
    secrets.key,
    String(secrets.lat),
    String(secrets.lng),
  ].find((s) => text.includes(s));
}
