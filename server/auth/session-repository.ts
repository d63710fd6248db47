import type { Queryable } from '../db/database.js';
import type { Role } from './roles.js';

export interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  role: Role;
  unit_id: string | null;
  destination_id: string | null;
  active: boolean;
}

export interface SessionWithUser {
  sessionId: string;
  /** `fhir`: an API token a partner's system holds, good for /fhir only. */
  scope: 'fhir' | null;
  expiresAt: Date;
  userId: string;
  email: string;
  role: Role;
  unitId: string | null;
  destinationId: string | null;
}

export function findUserByEmail(q: Queryable, email: string): Promise<UserRow | undefined> {
  return q<UserRow>('users').where({ email }).first();
}

export async function insertSession(
  q: Queryable,
  session: {
    tokenHash: string;
    userId: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
    /** An API token for a partner's system: the FHIR API only, named by `label`. */
    apiToken?: { label: string };
  },
): Promise<string> {
  const [row] = await q('sessions')
    .insert({
      token_hash: session.tokenHash,
      user_id: session.userId,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
      ...(session.apiToken ? { scope: 'fhir', label: session.apiToken.label } : {}),
    })
    .returning<Array<{ id: string }>>('id');
  if (!row) throw new Error('session insert returned no row');
  return row.id;
}

/** The live session for a token hash: not expired, not revoked, user active. */
export async function findLiveSession(
  q: Queryable,
  tokenHash: string,
): Promise<SessionWithUser | undefined> {
  const row = await q('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .where('s.token_hash', tokenHash)
    .whereNull('s.revoked_at')
    .where('s.expires_at', '>', q.fn.now())
    .where('u.active', true)
    .first<
      | {
          session_id: string;
          scope: 'fhir' | null;
          expires_at: Date;
          user_id: string;
          email: string;
          role: Role;
          unit_id: string | null;
          destination_id: string | null;
        }
      | undefined
    >(
      's.id as session_id',
      's.scope',
      's.expires_at',
      'u.id as user_id',
      'u.email',
      'u.role',
      'u.unit_id',
      'u.destination_id',
    );
  if (!row) return undefined;
  return {
    sessionId: row.session_id,
    scope: row.scope,
    expiresAt: row.expires_at,
    userId: row.user_id,
    email: row.email,
    role: row.role,
    unitId: row.unit_id,
    destinationId: row.destination_id,
  };
}

/** Which of `sessionIds` are no longer live: revoked, expired, deleted or of a deactivated user. */
export async function endedSessions(q: Queryable, sessionIds: string[]): Promise<string[]> {
  if (!sessionIds.length) return [];
  const { rows } = await q.raw<{ rows: Array<{ id: string }> }>(
    `select wanted.id from unnest(?::uuid[]) as wanted(id)
     where not exists (
       select 1 from sessions s join users u on u.id = s.user_id
       where s.id = wanted.id and s.revoked_at is null and s.expires_at > now() and u.active)`,
    [sessionIds],
  );
  return rows.map((r) => r.id);
}

export async function revokeSession(q: Queryable, sessionId: string): Promise<void> {
  await q('sessions')
    .where({ id: sessionId })
    .whereNull('revoked_at')
    .update({ revoked_at: q.fn.now() });
}

export interface LiveSession {
  id: string;
  userId: string;
  email: string;
  role: Role;
  unitId: string | null;
  createdAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  /** An API token's name (the system holding it); null for a sign-in. */
  apiToken: string | null;
}

/** Sessions not revoked and not expired, newest first (what an admin may revoke). */
export async function listLiveSessions(
  q: Queryable,
  filter: { id?: string } = {},
): Promise<LiveSession[]> {
  const query = q('sessions as s')
    .join('users as u', 'u.id', 's.user_id')
    .whereNull('s.revoked_at')
    .where('s.expires_at', '>', q.fn.now())
    .orderBy('s.created_at', 'desc')
    .select<
      Array<{
        id: string;
        user_id: string;
        email: string;
        role: Role;
        unit_id: string | null;
        created_at: Date;
        expires_at: Date;
        ip: string | null;
        user_agent: string | null;
        label: string | null;
      }>
    >(
      's.id',
      's.user_id',
      'u.email',
      'u.role',
      'u.unit_id',
      's.created_at',
      's.expires_at',
      's.ip',
      's.user_agent',
      's.label',
    );
  if (filter.id) query.where('s.id', filter.id);
  const rows = await query;
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    email: r.email,
    role: r.role,
    unitId: r.unit_id,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    ip: r.ip,
    userAgent: r.user_agent,
    apiToken: r.label,
  }));
}

export function findUserById(q: Queryable, id: string): Promise<UserRow | undefined> {
  return q<UserRow>('users').where({ id }).first();
}

/**
 * Ends a user's live sign-in sessions but one (the one changing the password); returns their
 * ids. API tokens (scoped sessions) stay: an admin issued them, not this password.
 */
export async function revokeOtherSessions(
  q: Queryable,
  userId: string,
  keepSessionId: string,
): Promise<string[]> {
  const rows = await q('sessions')
    .where({ user_id: userId })
    .whereNot({ id: keepSessionId })
    .whereNull('scope')
    .whereNull('revoked_at')
    .where('expires_at', '>', q.fn.now())
    .update({ revoked_at: q.fn.now() })
    .returning<Array<{ id: string }>>('id');
  return rows.map((r) => r.id);
}

export async function setPasswordHash(q: Queryable, userId: string, hash: string): Promise<void> {
  await q('users').where({ id: userId }).update({ password_hash: hash });
}
