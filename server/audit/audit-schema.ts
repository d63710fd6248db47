import { z } from 'zod';

const text = z.string().trim().min(1).max(200);

/** `GET /api/audit` query: every filter optional; `cursor` is the previous page's `nextCursor`. */
export const AuditQuery = z.strictObject({
  action: text.optional(),
  actorId: z.uuid('must be a UUID').optional(),
  entityType: text.optional(),
  entityId: text.optional(),
  from: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  to: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).optional(),
  // Ids are bigint: digits only, within int8, so the database never sees a bad cast.
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,17}$/, 'must be the nextCursor of a previous page')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQueryInput = z.infer<typeof AuditQuery>;
