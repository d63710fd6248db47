import type { Queryable } from '../db/database.js';
import type { AuditRecord } from '../../shared/audit.js';

/**
 * Who did it and from where. A RequestContext is one (its actor and ip); the
 * service's own work (an offer timing out) is `bySystem`; a sign-in names the user
 * it concerns, or no one when the email is unknown.
 */
export interface AuditBy {
  actor: { id: string | null; role: string | null } | null;
  ip: string | null;
}

export const bySystem: AuditBy = { actor: { id: null, role: 'system' }, ip: null };

interface AuditFacts {
  action: string;
  entityType?: string;
  entityId?: string;
  details?: Record<string, unknown>;
}

export interface AuditEntry extends AuditFacts {
  by: AuditBy;
}

/** Appends to the audit log. There is no update or delete: the table refuses both. */
export async function appendAudit(q: Queryable, entry: AuditEntry): Promise<void> {
  await q('audit_log').insert({
    actor_id: entry.by.actor?.id ?? null,
    actor_role: entry.by.actor?.role ?? null,
    action: entry.action,
    entity_type: entry.entityType ?? null,
    entity_id: entry.entityId ?? null,
    ip: entry.by.ip,
    details: JSON.stringify(entry.details ?? {}),
  });
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
  /** Entries older than this id (the previous page's `nextCursor`). */
  before?: string;
  limit: number;
}

export type { AuditRecord };

interface AuditRow {
  id: string | number;
  at: Date;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

/** Newest first, keyset-paged by id: a page is stable while new entries are appended. */
export async function listAudit(
  q: Queryable,
  filter: AuditFilter,
): Promise<{ entries: AuditRecord[]; nextCursor: string | null }> {
  const query = q('audit_log as a').leftJoin('users as u', 'u.id', 'a.actor_id');
  if (filter.action) query.where('a.action', filter.action);
  if (filter.actorId) query.where('a.actor_id', filter.actorId);
  if (filter.entityType) query.where('a.entity_type', filter.entityType);
  if (filter.entityId) query.where('a.entity_id', filter.entityId);
  if (filter.from) query.where('a.at', '>=', filter.from);
  if (filter.to) query.where('a.at', '<', filter.to);
  if (filter.before) query.where('a.id', '<', filter.before);
  // One extra row tells whether there is another page.
  const rows = await query
    .orderBy('a.id', 'desc')
    .limit(filter.limit + 1)
    .select<AuditRow[]>(
      'a.id',
      'a.at',
      'a.actor_id',
      'u.email as actor_email',
      'a.actor_role',
      'a.action',
      'a.entity_type',
      'a.entity_id',
      'a.ip',
      'a.details',
    );
  const page = rows.slice(0, filter.limit);
  const last = page.at(-1);
  return {
    entries: page.map((r) => ({
      id: String(r.id),
      at: r.at.toISOString(),
      actorId: r.actor_id,
      actorEmail: r.actor_email,
      actorRole: r.actor_role,
      action: r.action,
      entityType: r.entity_type,
      entityId: r.entity_id,
      ip: r.ip,
      details: r.details,
    })),
    nextCursor: rows.length > filter.limit && last ? String(last.id) : null,
  };
}

/** What happened to one thing (a call), oldest first: the timeline its detail view shows. */
export async function entityTimeline(
  q: Queryable,
  entityType: string,
  entityId: string,
): Promise<
  Array<{ at: Date; action: string; actorRole: string | null; details: AuditRow['details'] }>
> {
  const rows = await q('audit_log')
    .where({ entity_type: entityType, entity_id: entityId })
    .orderBy('id')
    .select<Array<Pick<AuditRow, 'at' | 'action' | 'actor_role' | 'details'>>>(
      'at',
      'action',
      'actor_role',
      'details',
    );
  return rows.map((r) => ({
    at: r.at,
    action: r.action,
    actorRole: r.actor_role,
    details: r.details,
  }));
}
