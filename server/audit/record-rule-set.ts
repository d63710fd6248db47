import type { Database } from '../db/database.js';
import { appendAudit, bySystem } from './audit-repository.js';

/**
 * Rules change only when a process starts with different rule files (there is
 * no reload while running), so start-up is where a rule-set change is audited:
 * once, when the version differs from the last one recorded.
 */
export async function recordRuleSetInForce(db: Database, ruleSetVersion: string): Promise<void> {
  const last = await db
    .query('audit_log')
    .where({ action: 'rules:changed' })
    .orderBy('id', 'desc')
    .first<{ entity_id: string } | undefined>('entity_id');
  if (last?.entity_id === ruleSetVersion) return;
  await appendAudit(db.query, {
    by: bySystem,
    action: 'rules:changed',
    entityType: 'rule_set',
    entityId: ruleSetVersion,
    details: { from: last?.entity_id ?? null, to: ruleSetVersion },
  });
}
