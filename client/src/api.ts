// A small typed fetch wrapper: same-origin, cookie session, JSON errors as ApiError.
import type { SignedInUser } from '../../shared/users.js';

export interface ApiErrorBody {
  error: { code: string; message: string; issues?: Array<{ path: string; message: string }> };
  requestId?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody | undefined,
  ) {
    super(body?.error.message ?? `Request failed (${status})`);
  }
}

export interface ApiOptions {
  /** The same key on a repeat makes the server answer once (a double click, a retry). */
  idempotencyKey?: string;
}

export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  options: ApiOptions = {},
): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const data = (await response.json().catch(() => undefined)) as unknown;
  if (!response.ok) throw new ApiError(response.status, data as ApiErrorBody | undefined);
  return data as T;
}

/** The signed-in user, as sign-in and GET /api/me answer (the schema the server documents). */
export type Me = SignedInUser;

/** Where each role lands after signing in. */
export const landingPage: Record<Me['role'], string> = {
  dispatcher: '/dispatcher.html',
  paramedic: '/paramedic.html',
  lead: '/lead.html',
  admin: '/admin.html',
  partner: '/partner.html',
};

/** A fresh Idempotency-Key (getRandomValues works outside secure contexts too). */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
