import { z } from 'zod';

// Who signs in. No imports from server/: the browser client lands each role on its page.

export const roles = ['dispatcher', 'paramedic', 'lead', 'admin', 'partner'] as const;
export const RoleSchema = z.enum(roles);
export type Role = z.infer<typeof RoleSchema>;
