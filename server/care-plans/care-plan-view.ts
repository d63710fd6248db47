import type { CarePlanRow } from './care-plan-repository.js';
import type { CarePlanView } from '../../shared/care-plan-schema.js';
import type { ReadAccess } from './care-plan-access.js';

/** A stored version as its reader may see it: whole, or without free text and patient key. */
export function toCarePlanView(
  row: CarePlanRow,
  access: Exclude<ReadAccess, 'none'>,
): CarePlanView {
  const whole = access === 'whole';
  return {
    patientKey: whole ? row.patient_key : null,
    version: row.version,
    redacted: !whole,
    coordinator: {
      name: whole ? row.coordinator_name : null,
      phone: whole ? row.coordinator_phone : null,
      site:
        row.coordinator_site_id && row.coordinator_site_name
          ? { id: row.coordinator_site_id, name: row.coordinator_site_name }
          : null,
    },
    whatHelps: whole ? row.what_helps : null,
    whatToAvoid: whole ? row.what_to_avoid : null,
    safetyNotes: whole ? row.safety_notes : null,
    preferredPathway: row.preferred_pathway,
    knownParamedic:
      row.known_paramedic_id && row.known_paramedic_email
        ? {
            id: row.known_paramedic_id,
            email: row.known_paramedic_email,
            callSign: row.known_paramedic_call_sign,
          }
        : null,
    writtenBy: { role: row.written_role, email: row.written_by_email },
    writtenAt: row.written_at.toISOString(),
  };
}
