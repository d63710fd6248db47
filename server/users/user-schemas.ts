import { z } from 'zod';
import { NewPassword } from '../auth/auth-schema.js';
import { roles } from '../auth/roles.js';

const roleList = roles.join(', ');
const Role = z.enum(roles, { error: `must be one of ${roleList}` });
const Id = z.uuid('must be a UUID');

export { NewPassword };

export const Email = z
  .string({ error: 'must be an email address' })
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .pipe(z.email('must be an email address'));

export const UserParams = z.strictObject({ id: Id });

/**
 * `POST /api/users`. A paramedic is bound to a unit, a partner to a site; other
 * roles to neither. Without a password the server makes a temporary one and
 * answers it once.
 */
export const CreateUserBody = z.strictObject({
  email: Email,
  role: Role,
  unitId: Id.nullable().optional(),
  siteId: Id.nullable().optional(),
  password: NewPassword.optional(),
});
export type CreateUserInput = z.infer<typeof CreateUserBody>;

/** `PATCH /api/users/:id`: any of these, at least one. */
export const UpdateUserBody = z
  .strictObject({
    role: Role.optional(),
    unitId: Id.nullable().optional(),
    siteId: Id.nullable().optional(),
    active: z.boolean({ error: 'must be true or false' }).optional(),
    resetPassword: z.literal(true, { error: 'must be true when given' }).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, {
    message: 'must name at least one of role, unitId, siteId, active, resetPassword',
    path: ['(root)'],
  });
export type UpdateUserInput = z.infer<typeof UpdateUserBody>;

export const UserListQuery = z.strictObject({
  role: Role.optional(),
  active: z
    .enum(['true', 'false'], { error: 'must be true or false' })
    .transform((v) => v === 'true')
    .optional(),
  q: z.string().trim().max(254, 'must be at most 254 characters').optional(),
});
