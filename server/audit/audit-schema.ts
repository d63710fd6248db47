import { z } from 'zod';
import { IsoInstant } from '../time/instant-schemas.js';

const text = z.string().trim().min(1).max(200);

/** `GET /api/audit` query: every filter optional; `cursor` is the previous page's `nextCursor`. */
export const AuditQuery = z
  .strictObject({
    action: text.optional(),
    actorId: z.uuid('must be a UUID').optional(),
    entityType: text.optional(),
    entityId: text.optional(),
    from: IsoInstant.optional(),
    to: IsoInstant.optional(),
    // Ids are bigint: digits only, within int8, so the database never sees a bad cast.
    cursor: z
      .string()
      .regex(/^[1-9]\d{0,17}$/, 'must be the nextCursor of a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    message: 'must be after from',
    path: ['to'],
  });
export type AuditQueryInput = z.infer<typeof AuditQuery>;
