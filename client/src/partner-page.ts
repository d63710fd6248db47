// The receiving site's board: its own referrals, live (accept or decline,
// arrival, outcome), and its own directory entry (capacity, hours, closures).
// Every load of the referrals is a view of patient details, audited by the server.
import { api, ApiError, newIdempotencyKey } from './api.js';
import { referralCard } from './partner/referral-card.js';
import { emptyDraft, type ReferralDraft, type ReferralStep } from './partner/referral-steps.js';
import { createSiteEntry, type SiteEntry } from './partner/site-entry.js';
import { runInBackground } from './shared/background.js';
import { createChime } from './shared/chime.js';
import type { Destination, ReferralView } from './shared/contract.js';
import { errorText, must, replaceChildren } from './shared/dom.js';
import { notify, setUpHeader } from './shared/header.js';
import { complaintLabels, label } from './shared/labels.js';
import { connectLive } from './shared/realtime.js';
import { requireUser } from './shared/session.js';
import { openReferralStatuses, referralStatusLabels } from '../../shared/referrals.js';

const user = await requireUser(['partner']);
const main = must<HTMLElement>('main');
const incomingRoot = must<HTMLOListElement>('#incoming');
const closedRoot = must<HTMLOListElement>('#closed');
const countBadge = must<HTMLElement>('#incoming-count');

const referrals = new Map<string, { referral: ReferralView; receivedAt: number }>();
const drafts = new Map<string, ReferralDraft>();
const busy = new Set<string>();
const chime = createChime();
let entry: SiteEntry | null = null;

const draftOf = (id: string) => {
  let draft = drafts.get(id);
  if (!draft) drafts.set(id, (draft = emptyDraft()));
  return draft;
};

const isOpen = (r: ReferralView) => openReferralStatuses.includes(r.status);
const startOfToday = () => new Date(new Date().setHours(0, 0, 0, 0)).getTime();
/** Waiting for the site first, then the soonest arrival. */
const order = (a: ReferralView, b: ReferralView) =>
  Number(b.status === 'requested') - Number(a.status === 'requested') ||
  (a.etaMinutes ?? 1e9) - (b.etaMinutes ?? 1e9) ||
  a.requestedAt.localeCompare(b.requestedAt);

const render = () => {
  // Focus stays where it was (ids are stable per referral and control).
  const focusedId = document.activeElement?.id;
  const all = [...referrals.values()];
  const open = all.filter((r) => isOpen(r.referral)).sort((a, b) => order(a.referral, b.referral));
  const closed = all
    .filter((r) => !isOpen(r.referral) && Date.parse(r.referral.requestedAt) >= startOfToday())
    .sort((a, b) => b.referral.requestedAt.localeCompare(a.referral.requestedAt));
  const card = ({ referral, receivedAt }: { referral: ReferralView; receivedAt: number }) =>
    referralCard(referral, {
      draft: draftOf(referral.id),
      busy: busy.has(referral.id),
      receivedAt,
      onStep: (step) => runInBackground(takeStep(referral, step)),
      onRedraw: render,
    });
  replaceChildren(
    incomingRoot,
    ...(open.length
      ? open.map(card)
      : [emptyItem('No patients on their way to you. New referrals appear here.', 'no-referrals')]),
  );
  replaceChildren(
    closedRoot,
    ...(closed.length ? closed.map(card) : [emptyItem('Nothing closed yet today.', 'no-closed')]),
  );
  const waiting = open.filter((r) => r.referral.status === 'requested').length;
  countBadge.textContent = String(open.length);
  main.dataset.waiting = String(waiting);
  if (waiting) chime.start();
  else chime.stop();
  if (focusedId) document.getElementById(focusedId)?.focus();
};

function emptyItem(text: string, testId: string): HTMLLIElement {
  const node = document.createElement('li');
  node.className = 'muted empty';
  node.textContent = text;
  node.dataset.testid = testId;
  return node;
}

const upsert = (referral: ReferralView) => {
  const known = referrals.get(referral.id)?.referral;
  referrals.set(referral.id, { referral, receivedAt: Date.now() });
  // The step the site took is done: what was typed for it goes.
  if (known && known.status !== referral.status) drafts.delete(referral.id);
  render();
};

async function takeStep(referral: ReferralView, step: ReferralStep) {
  if (busy.has(referral.id)) return;
  const draft = draftOf(referral.id);
  busy.add(referral.id);
  draft.error = '';
  render();
  try {
    const { referral: changed } = await api<{ referral: ReferralView }>(
      'POST',
      `/api/referrals/${referral.id}/status`,
      step,
      { idempotencyKey: newIdempotencyKey() },
    );
    busy.delete(referral.id);
    upsert(changed);
    notify(
      `${label(complaintLabels, changed.patient?.complaint ?? 'other')}: ${referralStatusLabels[changed.status].toLowerCase()}.`,
    );
  } catch (err) {
    busy.delete(referral.id);
    draft.error =
      err instanceof ApiError ? err.message : `Could not reach altpath: ${errorText(err)}`;
    // A 409: someone else moved it meanwhile (another screen, dispatch): show where it is now.
    if (err instanceof ApiError && err.status === 409) runInBackground(loadReferrals());
    render();
  }
}

async function loadReferrals() {
  const list = await api<ReferralView[]>('GET', '/api/referrals?limit=100');
  const now = Date.now();
  referrals.clear();
  for (const referral of list) referrals.set(referral.id, { referral, receivedAt: now });
  render();
}

async function loadSite() {
  const destinations = await api<Destination[]>('GET', '/api/destinations');
  const site = destinations.find((d) => d.id === user.destinationId);
  if (!site) throw new Error('This account is not bound to a site in the directory: ask an admin');
  must<HTMLElement>('#site-name').textContent = site.name;
  document.title = `altpath — ${site.name}`;
  if (entry) entry.update(site);
  else entry = createSiteEntry(must<HTMLElement>('#entry'), site);
}

const load = async () => {
  await Promise.all([loadReferrals(), loadSite()]);
  main.dataset.state = 'ready';
};

const live = connectLive(setUpHeader(user, 'Receiving site'), () =>
  runInBackground(load().catch((err: unknown) => notify(errorText(err), 'error'))),
);
live.on('referral:requested', (referral) => {
  upsert(referral);
  chime.once();
  notify(
    `New referral: ${label(complaintLabels, referral.patient?.complaint ?? 'other')}, ${referral.patient?.age ?? ''}${referral.unit ? ` with ${referral.unit.callSign}` : ''}.`,
  );
});
live.on('referral:updated', (referral) => {
  const before = referrals.get(referral.id)?.referral;
  upsert(referral);
  if (referral.status === 'cancelled' && before && before.status !== 'cancelled')
    notify(
      `Referral cancelled by dispatch${referral.cancelReason ? `: ${referral.cancelReason}` : ''}.`,
      'error',
    );
});
live.on('destination:updated', (destination) => entry?.update(destination));

await load().catch((err: unknown) => {
  main.dataset.state = 'error';
  notify(errorText(err), 'error');
});
