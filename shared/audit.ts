import { z } from 'zod';

// The audit trail as admins read it. No imports from server/: the admin page reads
// the same shape.

export const AuditRecordSchema = z.object({
  id: z.string(),
  at: z.iso.datetime({ offset: true }),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string(),
  entityType: z.string().nullable(),
  entityId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditRecord = z.infer<typeof AuditRecordSchema>;

/** One page of GET /api/audit, newest first. */
export const AuditPageSchema = z.object({
  entries: z.array(AuditRecordSchema),
  nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page' }),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;
