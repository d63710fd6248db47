import type { Call } from '../../../shared/call-schema.js';
import type { Decision } from '../../../shared/decision.js';

/** A row of `triage_decisions`: the intake decision on a call, then one per on-scene assessment. */
export interface TriageDecisionsTable {
  id: string;
  call_id: string;
  stage: 'intake' | 'assessment';
  disposition: Decision['disposition'];
  acuity: Decision['acuity'];
  reasons: Decision['reasons'];
  missing: Decision['missing'];
  checks: Decision['checks'];
  news2_score: number | null;
  news2: Decision['news2'] | null;
  /** The assessed call, for an on-scene re-triage; null for the intake decision. */
  input: Call | null;
  rule_set_version: string;
  decided_by: string | null;
  decided_at: Date;
}
