import type { Queryable } from '../db/database.js';

export interface AuditEntry {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType?: string;
  entityId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
}

/** Appends to the audit log. There is no update or delete: the table refuses both. */
export async function appendAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q('audit_log').insert({
    actor_id: entry.actorId,
    actor_role: entry.actorRole,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    ip: entry.ip ?? null,
    details: JSON.stringify(entry.details ?? {}),
  });
}
