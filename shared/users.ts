import { z } from 'zod';
import { roles } from './roles.js';

// Accounts as the admin API answers them. No imports from server/: the admin page
// reads the same shape.

/** An account as admins manage it. */
export const UserRecordSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(roles),
    unitId: z.uuid().nullable(),
    unitCallSign: z.string().nullable(),
    siteId: z.uuid().nullable(),
    siteName: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.iso.datetime({ offset: true }),
    liveSessions: z.number().int(),
  })
  .meta({ id: 'UserRecord' });
export type UserRecord = z.infer<typeof UserRecordSchema>;
