// The admin's page: users, units, destinations, live sessions and the audit
// log, one panel at a time (the address's #fragment picks it, so links and the
// Back button work). Everything changes through the admin API and is audited.
import type { Destination, Unit, UserRecord } from './shared/contract.js';
import { errorText, must } from './shared/dom.js';
import { notify, setUpHeader } from './shared/header.js';
import { connectLive } from './shared/realtime.js';
import { requireUser } from './shared/session.js';
import { adminApi } from './admin/admin-api.js';
import { createAuditPanel } from './admin/audit-panel.js';
import { createDestinationsPanel } from './admin/destinations-panel.js';
import { createSessionsPanel } from './admin/sessions-panel.js';
import { createUnitsPanel } from './admin/units-panel.js';
import { createUsersPanel } from './admin/users-panel.js';

const user = await requireUser(['admin']);
const live = connectLive(setUpHeader(user, 'Admin'), () => void loadDirectory());

const main = must<HTMLElement>('#admin');
let units: Unit[] = [];
let destinations: Destination[] = [];
let users: UserRecord[] = [];

const usersPanel = createUsersPanel(
  must('#panel-users'),
  () => units,
  () => destinations,
);
const unitsPanel = createUnitsPanel(must('#panel-units'), () => loadDirectory());
const destinationsPanel = createDestinationsPanel(must('#panel-destinations'), () =>
  loadDirectory(),
);
const sessionsPanel = createSessionsPanel(must('#panel-sessions'), async () => {
  await sessionsPanel.refresh();
});
const auditPanel = createAuditPanel(must('#panel-audit'), () => users);

async function loadDirectory(): Promise<void> {
  [units, destinations] = await Promise.all([adminApi.units(), adminApi.destinations()]);
  unitsPanel.update(units);
  destinationsPanel.update(destinations);
}

const tabs = ['users', 'units', 'destinations', 'sessions', 'audit'] as const;
type Tab = (typeof tabs)[number];
const refreshers: Record<Tab, () => Promise<void>> = {
  users: async () => {
    users = await usersPanel.refresh();
  },
  units: loadDirectory,
  destinations: loadDirectory,
  sessions: () => sessionsPanel.refresh(),
  audit: async () => {
    users = await adminApi.users();
    await auditPanel.refresh();
  },
};

async function show(): Promise<void> {
  const wanted = window.location.hash.slice(1);
  const tab: Tab = (tabs as readonly string[]).includes(wanted) ? (wanted as Tab) : 'users';
  for (const t of tabs) {
    must<HTMLElement>(`#panel-${t}`).hidden = t !== tab;
    const link = must<HTMLAnchorElement>(`a[data-tab="${t}"]`);
    if (t === tab) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  main.dataset.state = 'loading';
  try {
    await refreshers[tab]();
    main.dataset.state = 'ready';
    main.dataset.tab = tab;
  } catch (err) {
    main.dataset.state = 'error';
    notify(`Could not load ${tab}: ${errorText(err)}`, 'error');
  }
}

// Units change status and destinations capacity while the admin looks: keep the tables current.
const reloadDirectory = () =>
  void loadDirectory().catch((err: unknown) => notify(errorText(err), 'error'));
live.on('unit:updated', reloadDirectory);
live.on('destination:updated', reloadDirectory);
window.addEventListener('hashchange', () => void show());
await loadDirectory().catch((err: unknown) => notify(errorText(err), 'error'));
await show();
