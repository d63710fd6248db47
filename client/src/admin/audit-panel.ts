// The audit log, newest first, a page at a time, filtered by action, who,
// what it concerns and when. Read-only: nothing here changes an entry.
import type { AuditRecord, UserRecord } from '../shared/contract.js';
import { el, errorText, replaceChildren } from '../shared/dom.js';
import { adminApi } from './admin-api.js';
import { auditActionLabels, dateTime, roleLabels } from './admin-labels.js';
import { input, scrollTable, select } from './admin-ui.js';
import { formError, labelled, showErrors } from '../shared/form-errors.js';

const PAGE = 25;

export function createAuditPanel(panel: HTMLElement, users: () => UserRecord[]) {
  const action = select(
    'action',
    [
      ['', 'Any action'],
      ...Object.entries(auditActionLabels).map(([k, v]) => [k, v] as [string, string]),
    ],
    '',
  );
  const actor = select('actorId', [['', 'Anyone']], '');
  const entityType = select(
    'entityType',
    [
      ['', 'Anything'],
      ['user', 'A user'],
      ['unit', 'A unit'],
      ['destination', 'A destination'],
      ['call', 'A call'],
      ['session', 'A session'],
    ],
    '',
  );
  const entityId = input('entityId', { placeholder: 'Its id (optional)' });
  const from = input('from', { type: 'date' });
  const to = input('to', { type: 'date' });
  const form = el(
    'form',
    {
      className: 'admin-form admin-filters',
      testId: 'audit-filters',
      attrs: { novalidate: true, 'aria-label': 'Audit log filters' },
    },
    formError(),
    labelled('Action', action, 'action'),
    labelled('By', actor, 'actorId'),
    labelled('Concerning', entityType, 'entityType'),
    labelled('Id', entityId, 'entityId'),
    labelled('From', from, 'from'),
    labelled('Before', to, 'to'),
    el('button', { text: 'Show', attrs: { type: 'submit' } }),
  );
  const { region, body } = scrollTable(
    'Audit log entries',
    ['When', 'Who', 'What', 'Concerning', 'Address', 'Details'],
    'audit-table',
  );
  const position = el('p', {
    className: 'muted',
    testId: 'audit-position',
    attrs: { role: 'status' },
  });
  const newer = el('button', { className: 'secondary', text: 'Newest', attrs: { type: 'button' } });
  const older = el('button', {
    className: 'secondary',
    text: 'Older entries',
    testId: 'audit-older',
    attrs: { type: 'button' },
  });
  replaceChildren(
    panel,
    el('h2', { id: 'audit-title', text: 'Audit log' }),
    form,
    region,
    el('div', { className: 'pager' }, newer, older, position),
  );

  /** Cursors of the pages shown so far: page n starts after cursors[n - 1]. */
  let cursors: Array<string | null> = [null];
  let page = 0;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    cursors = [null];
    page = 0;
    void load();
  });
  newer.addEventListener('click', () => {
    cursors = [null];
    page = 0;
    void load();
  });
  older.addEventListener('click', () => {
    page += 1;
    void load();
  });

  function query(): URLSearchParams {
    const q = new URLSearchParams({ limit: String(PAGE) });
    for (const control of [action, actor, entityType, entityId, from, to]) {
      if (control.value.trim()) q.set(control.name, control.value.trim());
    }
    const cursor = cursors[page];
    if (cursor) q.set('cursor', cursor);
    return q;
  }

  function details(entry: AuditRecord): string {
    const parts = Object.entries(entry.details).map(
      ([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
    );
    return parts.join('; ') || '—';
  }

  async function load(): Promise<void> {
    try {
      const result = await adminApi.audit(query());
      cursors[page + 1] = result.nextCursor;
      older.disabled = !result.nextCursor;
      newer.disabled = page === 0;
      replaceChildren(
        body,
        ...result.entries.map((e) =>
          el(
            'tr',
            { dataset: { action: e.action } },
            el('td', { text: dateTime(e.at) }),
            el('td', {
              text: e.actorEmail
                ? `${e.actorEmail}${e.actorRole ? ` (${roleLabels[e.actorRole as keyof typeof roleLabels] ?? e.actorRole})` : ''}`
                : 'The system',
            }),
            el(
              'td',
              {},
              auditActionLabels[e.action] ?? e.action,
              el('span', { className: 'code muted', text: ` ${e.action}` }),
            ),
            el('td', { text: e.entityType ? `${e.entityType} ${e.entityId ?? ''}` : '—' }),
            el('td', { text: e.ip ?? '—' }),
            el('td', { className: 'details', text: details(e) }),
          ),
        ),
        result.entries.length
          ? null
          : el('tr', {}, el('td', { text: 'No entries match.', attrs: { colspan: 6 } })),
      );
      position.textContent = `Page ${page + 1}: ${result.entries.length} ${result.entries.length === 1 ? 'entry' : 'entries'}${result.nextCursor ? ', older ones follow' : ', the oldest that match'}`;
    } catch (err) {
      showErrors(form, err);
      position.textContent = `Could not load the audit log: ${errorText(err)}`;
    }
  }

  return {
    refresh(): Promise<void> {
      const chosen = actor.value;
      replaceChildren(
        actor,
        el('option', { text: 'Anyone', attrs: { value: '' } }),
        ...users().map((u) =>
          el('option', { text: u.email, attrs: { value: u.id, selected: u.id === chosen } }),
        ),
      );
      return load();
    },
  };
}
