import { z } from 'zod';

export const LoginSchema = z.strictObject({
  email: z.string().trim().min(3).max(254).email('must be an email address'),
  password: z.string().min(1, 'is required').max(200),
});
export type LoginInput = z.infer<typeof LoginSchema>;

/** A new password: at least 12 characters, long enough to resist guessing, short enough to type. */
export const NewPassword = z
  .string({ error: 'must be text' })
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters');

/** `POST /api/me/password`: a signed-in user changes their own password. */
export const ChangePasswordSchema = z.strictObject({
  currentPassword: z
    .string({ error: 'Current password is required' })
    .min(1, 'Current password is required')
    .max(200, 'Current password must be at most 200 characters'),
  newPassword: z
    .string({ error: 'New password is required' })
    .min(12, 'New password must be at least 12 characters')
    .max(200, 'New password must be at most 200 characters'),
});
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;
