import { createHmac } from 'node:crypto';
import { roundCoordinate } from '../privacy/round-position.js';
import type { StatsCallRow } from './stats-repository.js';

/**
 * A stable pseudonym for a patient key: HMAC-SHA256 under the session secret,
 * truncated to 16 hex characters. Leads can see that two calls are the same
 * patient without learning who; without the secret the key cannot be guessed
 * back from a list of health-card numbers.
 */
export function patientRefFactory(secret: string) {
  return (key: string | null): string | null =>
    key === null ? null : createHmac('sha256', secret).update(key).digest('hex').slice(0, 16);
}
export type PatientRef = ReturnType<typeof patientRefFactory>;

/** A call as leads see it in the safety panel: no name, address or notes; position to ~1 km. */
export interface StatsCallView {
  callId: string;
  receivedAt: string;
  complaint: string;
  patient: { age: number; sex: string; ref: string | null };
  location: { lat: number; lng: number } | null;
  recommendedPathway: string;
  servedPathway: string;
  outcome: string;
  completedAt: string;
}

export function toStatsCallView(row: StatsCallRow, patientRef: PatientRef): StatsCallView {
  return {
    callId: row.call_id,
    receivedAt: row.received_at.toISOString(),
    complaint: row.complaint,
    patient: { age: row.patient_age, sex: row.patient_sex, ref: patientRef(row.patient_key) },
    location:
      row.lat === null || row.lng === null
        ? null
        : { lat: roundCoordinate(row.lat), lng: roundCoordinate(row.lng) },
    recommendedPathway: row.recommended_disposition,
    servedPathway: row.served_disposition,
    outcome: row.outcome,
    completedAt: row.completed_at.toISOString(),
  };
}
