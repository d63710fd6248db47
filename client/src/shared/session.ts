import { api, ApiError, landingPage, type Me } from '../api.js';

/**
 * The signed-in user, if their role may use this view. A signed-out visit goes
 * to the sign-in page; a user of another role goes to their own view.
 */
export async function requireUser(allowed: Array<Me['role']>): Promise<Me> {
  try {
    const { user } = await api<{ user: Me }>('GET', '/api/me');
    if (!allowed.includes(user.role)) {
      window.location.replace(landingPage[user.role]);
      return new Promise<Me>(() => undefined);
    }
    return user;
  } catch (err) {
    if (err instanceof ApiError && err.status !== 401) throw err;
    window.location.replace('/');
    return new Promise<Me>(() => undefined);
  }
}

export async function signOut(): Promise<void> {
  await api('POST', '/api/auth/logout').catch(() => undefined);
  window.location.assign('/');
}
