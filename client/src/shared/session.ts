import { api, ApiError, landingPage, type Me } from '../api.js';
import { notify } from './notice.js';

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

/**
 * Ends the session on the server, then leaves. Only the server can end a session: a sign-out
 * that did not reach it leaves the phone signed in, so it is refused in words and the page stays
 * as it was. Refusing is safer than queueing the sign-out behind a locked page: a lock is the
 * page's own pretence (a reload, another tab or a closed browser undoes it while the session
 * and its cookie live on, for the next person on a shared crew phone), and a queued retry needs
 * the page still open when the network returns. The crew sees the truth and keeps working
 * offline until the network is back.
 */
export async function signOut(): Promise<void> {
  try {
    await api('POST', '/api/auth/logout');
  } catch (err) {
    // 401: the session had already ended. Signed out either way.
    if (!(err instanceof ApiError && err.status === 401)) {
      notify(
        err instanceof ApiError
          ? `Sign-out did not reach the server (${err.message}): you are still signed in on this device. Try again in a moment.`
          : 'You are offline: sign-out needs the network. You are still signed in on this device: sign out again once there is signal, and do not hand it over until then.',
        'error',
      );
      return;
    }
  }
  window.location.assign('/');
}
