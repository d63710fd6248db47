import type { Queryable } from '../db/database.js';
import type { ColumnValues } from '../db/tables/row-types.js';
import type { TriageDecisionsTable } from '../db/tables/triage-decisions.js';
import type { Call } from '../../shared/call-schema.js';
import type { Decision } from '../../shared/decision.js';

// The triage decisions taken on a call: the intake decision, then one per on-scene
// assessment. Kept apart from the call row because a call has many and the newest wins.

export type DecisionRow = TriageDecisionsTable;

export async function insertDecision(
  q: Queryable,
  callId: string,
  stage: 'intake' | 'assessment',
  decision: Decision,
  decidedBy: string | null,
  input?: Call,
): Promise<DecisionRow> {
  const [row] = await q('triage_decisions')
    .insert({
      input: input ? JSON.stringify(input) : null,
      call_id: callId,
      stage,
      disposition: decision.disposition,
      acuity: decision.acuity,
      reasons: JSON.stringify(decision.reasons),
      missing: decision.missing,
      checks: JSON.stringify(decision.checks),
      news2_score: decision.news2.score,
      news2: JSON.stringify(decision.news2),
      rule_set_version: decision.ruleSetVersion,
      decided_by: decidedBy,
    } satisfies ColumnValues<TriageDecisionsTable>)
    .returning<DecisionRow[]>('*');
  if (!row) throw new Error('decision insert returned no row');
  return row;
}

export async function decisionsForCalls(q: Queryable, callIds: string[]): Promise<DecisionRow[]> {
  if (callIds.length === 0) return [];
  return q<DecisionRow>('triage_decisions')
    .whereIn('call_id', callIds)
    .orderBy('decided_at')
    .orderBy('id');
}

export function toDecision(row: DecisionRow): Decision {
  return {
    disposition: row.disposition,
    acuity: row.acuity,
    reasons: row.reasons,
    missing: row.missing,
    checks: row.checks ?? [],
    ruleSetVersion: row.rule_set_version,
    news2: row.news2 ?? { score: row.news2_score ?? 0, parts: {} },
  };
}

/** The most recent on-scene re-triage of a call, with the call it decided on. */
export async function latestAssessment(
  q: Queryable,
  callId: string,
): Promise<
  | { disposition: Decision['disposition']; checks: Decision['checks']; input: Call | null }
  | undefined
> {
  const row = (await q('triage_decisions')
    .where({ call_id: callId, stage: 'assessment' })
    .orderBy([
      { column: 'decided_at', order: 'desc' },
      { column: 'id', order: 'desc' },
    ])
    .first('disposition', 'checks', 'input')) as
    | {
        disposition: Decision['disposition'];
        checks: Decision['checks'] | null;
        input: Call | null;
      }
    | undefined;
  return row
    ? { disposition: row.disposition, checks: row.checks ?? [], input: row.input }
    : undefined;
}
