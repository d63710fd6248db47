// The admin's calls: users, units, destinations, sessions and the audit log.
import { api } from '../api.js';
import type { AuditPage, Destination, Role, Unit, UserRecord } from '../shared/contract.js';

export interface UserChange {
  user: UserRecord;
  temporaryPassword?: string;
  endedSessions: number;
}

/** A live session as GET /api/sessions answers it. */
export interface LiveSession {
  id: string;
  user: { id: string; email: string; role: Role; unitId: string | null };
  createdAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export const adminApi = {
  users: () => api<{ users: UserRecord[] }>('GET', '/api/users').then((r) => r.users),
  createUser: (body: unknown) => api<UserChange>('POST', '/api/users', body),
  updateUser: (id: string, body: unknown) => api<UserChange>('PATCH', `/api/users/${id}`, body),
  units: () => api<Unit[]>('GET', '/api/units'),
  createUnit: (body: unknown) => api<Unit>('POST', '/api/units', body),
  updateUnit: (id: string, body: unknown) => api<Unit>('PATCH', `/api/units/${id}`, body),
  destinations: () => api<Destination[]>('GET', '/api/destinations'),
  createDestination: (body: unknown) => api<Destination>('POST', '/api/destinations', body),
  updateDestination: (id: string, body: unknown) =>
    api<Destination>('PATCH', `/api/destinations/${id}`, body),
  sessions: () => api<{ sessions: LiveSession[] }>('GET', '/api/sessions').then((r) => r.sessions),
  endSession: (id: string) => api<void>('DELETE', `/api/sessions/${id}`),
  audit: (query: URLSearchParams) => api<AuditPage>('GET', `/api/audit?${query.toString()}`),
};
