import { z } from 'zod';

export const LoginSchema = z.strictObject({
  email: z.string().trim().min(3).max(254).email('must be an email address'),
  password: z.string().min(1, 'is required').max(200),
});
export type LoginInput = z.infer<typeof LoginSchema>;
