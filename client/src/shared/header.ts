import type { Me } from '../api.js';
import { must } from './dom.js';
import { runInBackground } from './background.js';
import { addPasswordButton } from './password-dialog.js';
import { signOut } from './session.js';

export { notify } from './notice.js';

/** Fills the view's header (who is signed in, change password, sign out) and returns the connection indicator. */
export function setUpHeader(user: Me, detail?: string): HTMLElement {
  must<HTMLElement>('#who').textContent = detail ? `${user.email} · ${detail}` : user.email;
  const signOutButton = must<HTMLButtonElement>('#sign-out');
  signOutButton.addEventListener('click', () => runInBackground(signOut()));
  addPasswordButton(signOutButton);
  return must<HTMLElement>('#connection');
}
