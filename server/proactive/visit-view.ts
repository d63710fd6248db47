import { roundCoordinate } from '../privacy/round-position.js';
import type { VisitView } from './proactive-schema.js';
import type { VisitRow } from './visit-repository.js';

/** Dispatchers and admins see the whole visit; leads the pseudonym and the place to ~1 km. */
export function toVisitView(
  row: VisitRow,
  patientRef: (key: string) => string,
  whole: boolean,
): VisitView {
  return {
    id: row.id,
    status: row.status,
    plannedFor: row.planned_for.toISOString(),
    patient: {
      key: whole ? row.patient_key : null,
      ref: patientRef(row.patient_key),
      age: row.patient_age,
      sex: row.patient_sex,
    },
    location: whole
      ? { lat: row.lat, lng: row.lng, address: row.address }
      : { lat: roundCoordinate(row.lat), lng: roundCoordinate(row.lng), address: null },
    unit: row.unit_id && row.call_sign ? { id: row.unit_id, callSign: row.call_sign } : null,
    bookedBy: { role: row.booked_role },
    bookedAt: row.booked_at.toISOString(),
  };
}
