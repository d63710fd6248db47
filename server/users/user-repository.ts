import type { Queryable } from '../db/database.js';
import type { UserRecord } from '../../shared/users.js';
import type { Role } from '../auth/roles.js';

export type { UserRecord };

interface UserListRow {
  id: string;
  email: string;
  role: Role;
  unit_id: string | null;
  unit_call_sign: string | null;
  destination_id: string | null;
  site_name: string | null;
  active: boolean;
  created_at: Date;
  live_sessions: string | number;
}

/** Users with their binding and how many live sessions they hold, by email. */
export async function listUsers(
  q: Queryable,
  filter: { ids?: string[]; role?: Role; active?: boolean; q?: string } = {},
): Promise<UserRecord[]> {
  const query = q('users as u')
    .leftJoin('units as un', 'un.id', 'u.unit_id')
    .leftJoin('destinations as site', 'site.id', 'u.destination_id')
    .orderBy('u.email')
    .select<UserListRow[]>(
      'u.id',
      'u.email',
      'u.role',
      'u.unit_id',
      'un.call_sign as unit_call_sign',
      'u.destination_id',
      'site.name as site_name',
      'u.active',
      'u.created_at',
      q.raw(
        `(select count(*) from sessions s where s.user_id = u.id
           and s.revoked_at is null and s.expires_at > now()) as live_sessions`,
      ),
    );
  if (filter.ids) query.whereIn('u.id', filter.ids);
  if (filter.role) query.where('u.role', filter.role);
  if (filter.active !== undefined) query.where('u.active', filter.active);
  if (filter.q) query.whereRaw(`strpos(u.email, ?) > 0`, [filter.q.toLowerCase()]);
  const rows = await query;
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    unitId: r.unit_id,
    unitCallSign: r.unit_call_sign,
    siteId: r.destination_id,
    siteName: r.site_name,
    active: r.active,
    createdAt: r.created_at.toISOString(),
    liveSessions: Number(r.live_sessions),
  }));
}

export async function findUserRecord(q: Queryable, id: string): Promise<UserRecord | undefined> {
  const [user] = await listUsers(q, { ids: [id] });
  return user;
}

/** Ends every live session of a user; returns their ids so their sockets can be dropped. */
export async function revokeSessionsOf(q: Queryable, userId: string): Promise<string[]> {
  const rows = await q('sessions')
    .where({ user_id: userId })
    .whereNull('revoked_at')
    .where('expires_at', '>', q.fn.now())
    .update({ revoked_at: q.fn.now() })
    .returning<Array<{ id: string }>>('id');
  return rows.map((r) => r.id);
}

/** Active admins other than `exceptId`: an admin may not lock the last one out. */
export async function otherActiveAdmins(q: Queryable, exceptId: string): Promise<number> {
  const row = await q('users')
    .where({ role: 'admin', active: true })
    .whereNot({ id: exceptId })
    .count<{ count: string | number }>({ count: '*' })
    .first();
  return Number(row?.count ?? 0);
}
