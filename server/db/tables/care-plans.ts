import type { Disposition } from '../../../shared/call-schema.js';
import type { Role } from '../../../shared/roles.js';

/** A row of `care_plans`: one version of a known patient's shared plan. */
export interface CarePlansTable {
  id: string;
  patient_key: string;
  version: number;
  coordinator_name: string;
  coordinator_phone: string | null;
  coordinator_site_id: string | null;
  what_helps: string;
  what_to_avoid: string;
  safety_notes: string;
  preferred_pathway: Disposition | null;
  known_paramedic_id: string | null;
  written_by: string;
  written_role: Role;
  written_at: Date;
  /** Written by the history generator (seed:history), which alone deletes them. */
  generated: boolean;
}
