// Users: create (with a temporary password shown once), change role and unit (a
// paramedic) or site (a partner), disable and enable, reset a password. Disabling
// ends the user's sessions at once.
import type { Destination, Unit, UserRecord } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { notify } from '../shared/header.js';
import { adminApi, type UserChange } from './admin-api.js';
import { dateTime, roleLabels, roles } from './admin-labels.js';
import { dialogButtons, editDialog, input, scrollTable, select } from './admin-ui.js';
import { clearErrors, formError, labelled, showErrors } from '../shared/form-errors.js';

/** Sites whose staff sign in as partners: they accept referrals and keep their own entry. */
const partnerSiteTypes: ReadonlyArray<Destination['type']> = ['crisis_centre', 'cp_clinic'];

export function createUsersPanel(
  panel: HTMLElement,
  units: () => Unit[],
  sites: () => Destination[],
) {
  let users: UserRecord[] = [];
  const secret = el('div', {
    className: 'temporary-password',
    testId: 'temporary-password',
    attrs: { role: 'status', 'aria-live': 'polite' },
  });
  const search = input('q', { type: 'search', placeholder: 'Email contains…' });
  const roleFilter = select(
    'role',
    [['', 'All roles'], ...roles.map((r) => [r, roleLabels[r]] as [typeof r, string])],
    '',
  );
  const { region, body } = scrollTable(
    'Users',
    ['Email', 'Role', 'Unit or site', 'Status', 'Live sessions', 'Created', ''],
    'users-table',
  );
  const edit = editDialog('Edit user', 'user-dialog');
  let createUnit: HTMLSelectElement | undefined;
  let createSite: HTMLSelectElement | undefined;
  const createForm = newUserForm();

  replaceChildren(
    panel,
    el('h2', { id: 'users-title', text: 'Users' }),
    createForm,
    secret,
    el(
      'div',
      { className: 'admin-filters' },
      el('label', {}, 'Search ', search),
      el('label', {}, 'Role ', roleFilter),
    ),
    region,
    edit.dialog,
  );
  search.addEventListener('input', render);
  roleFilter.addEventListener('change', render);

  function unitOptions(current: string | null): HTMLSelectElement {
    return select('unitId', unitChoices(), current ?? '');
  }
  function unitChoices(): Array<[string, string]> {
    return [['', 'No unit'], ...units().map((u) => [u.id, u.callSign] as [string, string])];
  }
  function siteOptions(current: string | null): HTMLSelectElement {
    return select('siteId', siteChoices(current), current ?? '');
  }
  function siteChoices(current: string | null = null): Array<[string, string]> {
    const choices = sites()
      .filter((d) => partnerSiteTypes.includes(d.type) || d.id === current)
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((d) => [d.id, d.name] as [string, string]);
    return [['', 'No site'], ...choices];
  }
  /** Only a paramedic has a unit, only a partner a site: the other picker is blank and off. */
  function bindPickers(role: HTMLSelectElement, unit: HTMLSelectElement, site: HTMLSelectElement) {
    const sync = () => {
      unit.disabled = role.value !== 'paramedic';
      if (unit.disabled) unit.value = '';
      site.disabled = role.value !== 'partner';
      if (site.disabled) site.value = '';
    };
    role.addEventListener('change', sync);
    sync();
    return sync;
  }

  function newUserForm(): HTMLFormElement {
    const role = select(
      'role',
      roles.map((r) => [r, roleLabels[r]]),
      'dispatcher',
    );
    const unit = unitOptions(null);
    createUnit = unit;
    const site = siteOptions(null);
    createSite = site;
    const form = el(
      'form',
      {
        className: 'admin-form inline',
        testId: 'new-user',
        attrs: { novalidate: true, 'aria-labelledby': 'new-user-title' },
      },
      el('h3', { id: 'new-user-title', text: 'New user' }),
      formError(),
      labelled(
        'Email',
        input('email', { type: 'email', autocomplete: 'off', required: true }),
        'email',
      ),
      labelled('Role', role, 'role'),
      labelled('Unit (paramedics)', unit, 'unitId'),
      labelled('Site (partners)', site, 'siteId'),
      labelled(
        'Password (blank: a temporary one is made)',
        input('password', { type: 'password', autocomplete: 'new-password' }),
        'password',
      ),
      el('button', { text: 'Create user', attrs: { type: 'submit' } }),
    );
    const syncUnit = bindPickers(role, unit, site);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const data = new FormData(form);
      const password = String(data.get('password') ?? '');
      void submit(form, () =>
        adminApi.createUser({
          email: String(data.get('email') ?? ''),
          role: role.value,
          ...(unit.value ? { unitId: unit.value } : {}),
          ...(site.value ? { siteId: site.value } : {}),
          ...(password ? { password } : {}),
        }),
      ).then((change) => {
        if (!change) return;
        form.reset();
        syncUnit();
        notify(`Created ${change.user.email}`);
      });
    });
    return form;
  }

  async function submit(
    form: HTMLElement,
    send: () => Promise<UserChange>,
  ): Promise<UserChange | undefined> {
    clearErrors(form);
    try {
      const change = await send();
      showSecret(change);
      await refresh();
      return change;
    } catch (err) {
      showErrors(form, err);
      return undefined;
    }
  }

  function showSecret(change: UserChange): void {
    if (!change.temporaryPassword) return replaceChildren(secret);
    replaceChildren(
      secret,
      `Temporary password for ${change.user.email}: `,
      el('code', { text: change.temporaryPassword, testId: 'temporary-password-value' }),
      '. It is shown once: give it to them in person or by phone.',
    );
  }

  function openEdit(user: UserRecord): void {
    const role = select(
      'role',
      roles.map((r) => [r, roleLabels[r]]),
      user.role,
    );
    const unit = unitOptions(user.unitId);
    const site = siteOptions(user.siteId);
    const active = input('active', { type: 'checkbox', checked: user.active });
    const reset = el('button', {
      className: 'secondary',
      text: 'Reset password',
      testId: 'reset-password',
      attrs: { type: 'button' },
    });
    bindPickers(role, unit, site);
    edit.open(
      user.email,
      formError(),
      labelled('Role', role, 'role'),
      labelled('Unit (paramedics)', unit, 'unitId'),
      labelled('Site (partners)', site, 'siteId'),
      el(
        'label',
        { className: 'admin-check' },
        active,
        ' Account enabled (unticking ends their sessions now)',
      ),
      el('p', {
        className: 'muted',
        text: 'A new role, unit, site or password also ends their sessions.',
      }),
      reset,
      dialogButtons('Save', edit.close),
    );
    reset.addEventListener('click', () => {
      void submit(edit.form, () => adminApi.updateUser(user.id, { resetPassword: true })).then(
        (change) => change && edit.close(),
      );
    });
    edit.form.onsubmit = (event) => {
      event.preventDefault();
      const changes: Record<string, unknown> = {};
      if (role.value !== user.role) changes.role = role.value;
      if ((unit.value || null) !== user.unitId) changes.unitId = unit.value || null;
      if ((site.value || null) !== user.siteId) changes.siteId = site.value || null;
      if (active.checked !== user.active) changes.active = active.checked;
      if (!Object.keys(changes).length) return edit.close();
      void submit(edit.form, () => adminApi.updateUser(user.id, changes)).then((change) => {
        if (!change) return;
        edit.close();
        notify(
          `Saved ${change.user.email}` +
            (change.endedSessions
              ? `; ${change.endedSessions} ${change.endedSessions === 1 ? 'session' : 'sessions'} ended`
              : ''),
        );
      });
    };
  }

  function render(): void {
    const q = search.value.trim().toLowerCase();
    const shown = users.filter(
      (u) => (!q || u.email.includes(q)) && (!roleFilter.value || u.role === roleFilter.value),
    );
    replaceChildren(
      body,
      ...shown.map((u) => {
        const button = el('button', {
          className: 'secondary small',
          text: 'Edit',
          dataset: { focusKey: `user:${u.id}` },
          attrs: { type: 'button', 'aria-label': `Edit ${u.email}` },
        });
        button.addEventListener('click', () => openEdit(u));
        return el(
          'tr',
          { dataset: { userId: u.id }, className: u.active ? '' : 'inactive' },
          el('td', { text: u.email }),
          el('td', { text: roleLabels[u.role] }),
          el('td', { text: u.unitCallSign ?? u.siteName ?? '—' }),
          el('td', { text: u.active ? 'Enabled' : 'Disabled' }),
          el('td', { text: String(u.liveSessions) }),
          el('td', { text: dateTime(u.createdAt) }),
          el('td', {}, button),
        );
      }),
      shown.length
        ? null
        : el('tr', {}, el('td', { text: 'No users match.', attrs: { colspan: 7 } })),
    );
  }

  async function refresh(): Promise<UserRecord[]> {
    users = await adminApi.users();
    // Units and sites may have loaded (or changed) since the form was built.
    const refill = (picker: HTMLSelectElement | undefined, choices: Array<[string, string]>) => {
      if (!picker) return;
      const chosen = picker.value;
      replaceChildren(
        picker,
        ...choices.map(([id, label]) =>
          el('option', { text: label, attrs: { value: id, selected: id === chosen } }),
        ),
      );
    };
    refill(createUnit, unitChoices());
    refill(createSite, siteChoices());
    render();
    return users;
  }

  return { refresh };
}
