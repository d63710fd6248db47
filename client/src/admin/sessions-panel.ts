// Live sessions: who, role, since when, from where; an admin ends any of them.
import { el, errorText, replaceChildren } from '../shared/dom.js';
import { runInBackground } from '../shared/background.js';
import { notify } from '../shared/header.js';
import { adminApi, type LiveSession } from './admin-api.js';
import { dateTime, roleLabels } from './admin-labels.js';
import { scrollTable } from './admin-ui.js';

export function createSessionsPanel(panel: HTMLElement, onChanged: () => Promise<void>) {
  const { region, body } = scrollTable(
    'Live sessions',
    ['User', 'Role', 'Signed in', 'Expires', 'Address', 'Browser', ''],
    'sessions-table',
  );
  const refreshButton = el('button', {
    className: 'secondary small',
    text: 'Refresh',
    attrs: { type: 'button' },
  });
  refreshButton.addEventListener('click', () => void refresh());
  replaceChildren(
    panel,
    el('h2', { id: 'sessions-title', text: 'Live sessions' }),
    el('p', {
      className: 'muted',
      text: 'Ending a session signs that browser or phone out at once.',
    }),
    refreshButton,
    region,
  );

  function row(s: LiveSession): HTMLElement {
    // The visible words start the accessible name; the rest is for screen readers.
    const end = s.current
      ? el('button', {
          className: 'danger small',
          text: 'This session',
          attrs: { type: 'button', disabled: true },
        })
      : el(
          'button',
          { className: 'danger small', attrs: { type: 'button' } },
          'End session',
          el('span', {
            className: 'sr-only',
            text: ` of ${s.user.email}, signed in ${dateTime(s.createdAt)}`,
          }),
        );
    const endSession = async () => {
      try {
        await adminApi.endSession(s.id);
        notify(`Ended a session of ${s.user.email}`);
        await onChanged();
      } catch (err) {
        notify(`Could not end the session: ${errorText(err)}`, 'error');
      }
    };
    end.addEventListener('click', () => runInBackground(endSession()));
    return el(
      'tr',
      { dataset: { sessionId: s.id } },
      el('td', { text: s.user.email }),
      el('td', { text: roleLabels[s.user.role] }),
      el('td', { text: dateTime(s.createdAt) }),
      el('td', { text: dateTime(s.expiresAt) }),
      el('td', { text: s.ip ?? '—' }),
      el('td', { className: 'user-agent', text: s.userAgent ?? '—' }),
      el('td', {}, end),
    );
  }

  async function refresh(): Promise<void> {
    const sessions = await adminApi.sessions();
    replaceChildren(body, ...sessions.map(row));
  }

  return { refresh };
}
