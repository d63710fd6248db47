import type { Call, Complaint, Disposition } from '../../../shared/call-schema.js';
import type { CallStatus, CancelReason } from '../../../shared/event-contract.js';

/**
 * A row of `calls` as knex reads it: jsonb columns as values, timestamptz as Date.
 * The one TypeScript statement of the table's columns (migrations create them); the
 * repository and the history generator pick from it, so a renamed or retyped column
 * fails to compile wherever it is used.
 */
export interface CallsTable {
  id: string;
  received_at: Date;
  created_at: Date;
  created_by: string | null;
  status: CallStatus;
  // Nullable in the schema, but every writer places the call (insertCall takes a located call).
  lat: number;
  lng: number;
  address: string | null;
  patient_age: number;
  patient_sex: string;
  patient_key: string | null;
  complaint: Complaint;
  answers: Call['answers'];
  vitals: NonNullable<Call['vitals']>;
  notes: string | null;
  escalated: boolean;
  /** The call exactly as validated, so a candidate rule set can re-decide it. */
  input: Call;
  disposition: Disposition;
  recommended_disposition: Disposition;
  destination_id: string | null;
  destination_reason: string | null;
  destination_distance_km: number | null;
  proposed_unit_id: string | null;
  proposed_unit_distance_km: number | null;
  proposed_eta_minutes: number | null;
  first_dispatched_at: Date | null;
  source: 'dispatch' | 'generated';
  handed_off_at: Date | null;
  handed_off_by: string | null;
  handoff_reference: string | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
  cancel_reason: CancelReason | null;
  cancel_details: string | null;
}
