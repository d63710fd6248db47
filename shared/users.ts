import { z } from 'zod';
import { roles } from './roles.js';

// Accounts as the admin API answers them. No imports from server/: the admin page
// reads the same shape.

/** Who an account is, in a session list. */
export const UserSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: z.enum(roles),
    unitId: z.uuid().nullable(),
  })
  .meta({ id: 'User' });

/** The signed-in user, as sign-in and GET /api/me answer: the browser client's `Me`. */
export const SignedInUserSchema = UserSchema.extend({
  destinationId: z.uuid().nullable().meta({ description: 'A partner’s receiving site' }),
}).meta({ id: 'SignedInUser' });
export type SignedInUser = z.infer<typeof SignedInUserSchema>;

/** An account as admins manage it. */
export const UserRecordSchema = UserSchema.extend({
  unitCallSign: z.string().nullable(),
  siteId: z.uuid().nullable(),
  siteName: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.iso.datetime({ offset: true }),
  liveSessions: z.number().int(),
}).meta({ id: 'UserRecord' });
export type UserRecord = z.infer<typeof UserRecordSchema>;
