import type { Me } from '../api.js';
import { must } from './dom.js';
import { signOut } from './session.js';

/** Fills the view's header (who is signed in, sign out) and returns the connection indicator. */
export function setUpHeader(user: Me, detail?: string): HTMLElement {
  must<HTMLElement>('#who').textContent = detail ? `${user.email} · ${detail}` : user.email;
  must<HTMLButtonElement>('#sign-out').addEventListener('click', () => void signOut());
  return must<HTMLElement>('#connection');
}

/** Shows a transient message in the view's status line (role=status, read by screen readers). */
export function notify(message: string, tone: 'info' | 'error' = 'info'): void {
  const line = document.querySelector<HTMLElement>('#notice');
  if (!line) return;
  line.textContent = message;
  line.dataset.tone = tone;
}
