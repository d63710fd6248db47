// "Change password" in every page's header: a small modal form. The current password is
// required; the server ends the user's other sessions and says how many.
import { api } from '../api.js';
import { el } from './dom.js';
import { clearErrors, formError, labelled, showErrors, showIssues } from './form-errors.js';
import { notify } from './notice.js';
import { runInBackground } from './background.js';

/** Puts the button before Sign out; the dialog is built once, on first use. */
export function addPasswordButton(signOutButton: HTMLElement): void {
  const open = el('button', {
    className: 'secondary small',
    text: 'Change password',
    testId: 'change-password',
    attrs: { type: 'button', 'aria-haspopup': 'dialog' },
  });
  let dialog: HTMLDialogElement | undefined;
  open.addEventListener('click', () => {
    dialog ??= passwordDialog();
    dialog.showModal();
    dialog.querySelector<HTMLInputElement>('input')?.focus();
  });
  signOutButton.before(open);
}

function passwordDialog(): HTMLDialogElement {
  const input = (name: string, autocomplete: string) =>
    el('input', {
      attrs: { type: 'password', name, autocomplete, required: true, maxlength: 200 },
    });
  const current = input('currentPassword', 'current-password');
  const fresh = input('newPassword', 'new-password');
  const again = input('repeatPassword', 'new-password');
  fresh.setAttribute('minlength', '12');
  const cancel = el('button', {
    className: 'secondary',
    text: 'Cancel',
    attrs: { type: 'button' },
  });
  const form = el(
    'form',
    { className: 'password-form', testId: 'password-form', attrs: { novalidate: true } },
    el('h2', { id: 'password-title', text: 'Change your password' }),
    formError(),
    labelled('Current password', current, 'currentPassword'),
    labelled('New password (at least 12 characters)', fresh, 'newPassword'),
    labelled('New password again', again, 'repeatPassword'),
    el('p', {
      className: 'muted',
      text: 'Your other sessions (other browsers and devices) will be signed out.',
    }),
    el(
      'div',
      { className: 'dialog-actions' },
      el('button', {
        text: 'Change password',
        attrs: { type: 'submit' },
        testId: 'password-submit',
      }),
      cancel,
    ),
  );
  const dialog = el(
    'dialog',
    { className: 'password-dialog', attrs: { 'aria-labelledby': 'password-title' } },
    form,
  );
  const close = () => {
    form.reset();
    clearErrors(form);
    dialog.close();
  };
  cancel.addEventListener('click', close);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (fresh.value !== again.value) {
      showIssues(form, [{ path: 'repeatPassword', message: 'The two new passwords differ' }]);
      return;
    }
    runInBackground(
      api<{ endedSessions: number }>('POST', '/api/me/password', {
        currentPassword: current.value,
        newPassword: fresh.value,
      })
        .then(({ endedSessions }) => {
          close();
          notify(
            endedSessions
              ? `Password changed. ${endedSessions} other session${endedSessions === 1 ? '' : 's'} signed out.`
              : 'Password changed.',
          );
        })
        .catch((err: unknown) => showErrors(form, err)),
    );
  });
  document.body.append(dialog);
  return dialog;
}
