// The paramedic's view (phone first): the current offer, its next steps, the on-scene
// assessment and position sharing. New offers arrive live, with sound and vibration.
// A pressed step is held for an Undo, then queued and sent (offline, it waits and the
// screen says so); the page and the current assignment stay available without a network.
import { api } from './api.js';
import { assessmentForm } from './paramedic/assessment-form.js';
import { offerCard } from './paramedic/offer-card.js';
import { createOfferAlert, expiryCountdown } from './paramedic/offer-alert.js';
import {
  forgetCarePlans,
  registerServiceWorker,
  remember,
  rememberOffer,
} from './paramedic/offline-copy.js';
import { createOutbox, type QueuedChange } from './paramedic/outbox.js';
import { setUpPositionSharing } from './paramedic/position-sharing.js';
import { statusActions } from './paramedic/status-actions.js';
import { createStepGuard } from './paramedic/step-guard.js';
import { fetchCarePlan, showCarePlan } from './shared/care-plan-card.js';
import type {
  AssignmentStatus,
  AssignmentView,
  AssignmentWithdrawn,
  CallView,
  ClientConfig,
  OfferView,
  Unit,
} from './shared/contract.js';
import { el, must, replaceChildren } from './shared/dom.js';
import { notify, setUpHeader } from './shared/header.js';
import { assignmentStatusLabels, formatTime, label } from './shared/labels.js';
import { connectLive } from './shared/realtime.js';
import { requireUser } from './shared/session.js';
import { runInBackground } from './shared/background.js';
import { isActiveAssignment } from '../../shared/assignments.js';
import { clearanceCheckId } from '../../shared/medical-clearance.js';

/** Until the server says otherwise (offline, the copy may predate the setting). */
const DEFAULT_OFFER_TIMEOUT_S = 120;

registerServiceWorker();
const user = await requireUser(['paramedic']);
const [units, clientConfig] = await Promise.all([
  api<Unit[]>('GET', '/api/units').catch(() => [] as Unit[]),
  api<ClientConfig>('GET', '/api/client-config').catch(() => null),
]);
const myUnit = units.find((unit) => unit.id === user.unitId);
// What the page starts from, for a start without a network.
remember('/api/me', { user });
if (units.length) remember('/api/units', units);
if (clientConfig) remember('/api/client-config', clientConfig);
const offerTimeoutS = clientConfig?.offer?.timeoutSeconds ?? DEFAULT_OFFER_TIMEOUT_S;

const offerRoot = must<HTMLElement>('#offer');
const outboxRoot = must<HTMLElement>('#outbox');
const actionsRoot = must<HTMLElement>('#actions');
const assessmentRoot = must<HTMLElement>('#assessment');
const carePlanRoot = must<HTMLElement>('#care-plan');
/** The call whose care plan is on screen (read once per call: each read is audited). */
let carePlanFor: string | null = null;
/** The assignment as the server last told it. */
let offer: OfferView | null = null;
/** The last call dispatch took back from this unit, said on screen until the next offer. */
let withdrawn: AssignmentWithdrawn | null = null;
/** The call whose assessment form is on screen, so a status change does not wipe what was typed. */
let assessmentFor: string | null = null;
/** The offer whose arrival was announced (sound, vibration), so a redraw does not repeat it. */
let alertedFor: string | null = null;
const alert = createOfferAlert();

const outbox = createOutbox(user.id, {
  sent: (_item, assignment) => applyAssignment(assignment),
  refused: (item, dropped, message) => {
    const also = dropped.length ? ` (and ${dropped.map((d) => d.text).join(', ')})` : '';
    notify(`Not done: ${item.text}${also}. ${message}`, 'error');
    runInBackground(load());
  },
  changed: () => render(),
});
const guard = createStepGuard(
  (step) => {
    if (!offer) return;
    outbox.add(offer.assignment.id, step.change, step.text);
    runInBackground(outbox.flush());
  },
  () => render(),
  clientConfig?.steps?.undoSeconds,
);

/** The steps taken on this phone and not yet sent, for the current assignment. */
const waiting = (): QueuedChange[] =>
  offer ? outbox.items().filter((item) => item.assignmentId === offer!.assignment.id) : [];

/** Where the crew is: the server's status with the steps still waiting to be sent on top. */
const effectiveStatus = (): AssignmentStatus | null =>
  offer ? (waiting().at(-1)?.change.status ?? offer.assignment.status) : null;

/** The patient's care plan, read when a call for a known patient reaches this unit. */
const loadCarePlan = (call: CallView | null) => {
  if (call?.id === carePlanFor) return;
  const hadCall = carePlanFor !== null;
  carePlanFor = call?.id ?? null;
  showCarePlan(carePlanRoot, null);
  const key = call?.patient.key;
  if (!call || !key) {
    // The call this phone had is over: its patient's plan need not stay on the phone (a
    // next patient's plan replaces it in the worker's copy).
    if (hadCall) forgetCarePlans();
    return;
  }
  fetchCarePlan(key)
    .then((plan) => {
      if (carePlanFor === call.id) showCarePlan(carePlanRoot, plan);
    })
    .catch(() => notify('Could not read the patient’s care plan', 'error'));
};

const renderOutbox = () => {
  const items = outbox.items();
  outboxRoot.hidden = items.length === 0;
  outboxRoot.dataset.count = String(items.length);
  if (items.length === 0) return replaceChildren(outboxRoot);
  replaceChildren(
    outboxRoot,
    el('h2', {
      text: outbox.offline
        ? `No network: ${items.length} step${items.length === 1 ? '' : 's'} waiting to be sent`
        : `Sending ${items.length} step${items.length === 1 ? '' : 's'}…`,
    }),
    el(
      'ol',
      { className: 'outbox-list' },
      ...items.map((item) =>
        el('li', {
          text: `${item.text} (pressed ${formatTime(item.queuedAt)})`,
          dataset: { status: item.change.status },
        }),
      ),
    ),
    el('p', {
      className: 'muted',
      text: 'They are sent in order as soon as the phone is back online. Tell dispatch by radio if it matters now.',
    }),
  );
};

const render = () => {
  renderOutbox();
  const status = effectiveStatus();
  if (!offer || status === null || !isActiveAssignment(status)) {
    alert.stop();
    loadCarePlan(null);
    replaceChildren(
      offerRoot,
      withdrawn
        ? el(
            'div',
            { className: 'withdrawn', testId: 'withdrawn', attrs: { role: 'alert' } },
            el('strong', { text: 'Call withdrawn by dispatch — stop. ' }),
            withdrawn.reason,
            '.',
          )
        : null,
      el('p', {
        className: 'empty-offer muted',
        text: offer
          ? 'Finished on this phone: waiting to be sent (see above).'
          : 'No current assignment. New offers appear here.',
        testId: 'no-offer',
      }),
    );
    replaceChildren(actionsRoot);
    replaceChildren(assessmentRoot);
    assessmentFor = null;
    return;
  }
  loadCarePlan(offer.call);
  if (status === 'offered' && alertedFor !== offer.assignment.id) {
    alertedFor = offer.assignment.id;
    alert.start();
  } else if (status !== 'offered') alert.stop();

  const card = offerCard(offer);
  card.dataset.status = status;
  card.dataset.sent = String(status === offer.assignment.status);
  if (status !== offer.assignment.status)
    must<HTMLElement>('[data-testid=offer-status]', card).textContent =
      `${label(assignmentStatusLabels, status)} (not sent yet)`;
  if (status === 'offered')
    card.prepend(expiryCountdown(offer.assignment.offeredAt, offerTimeoutS));
  replaceChildren(offerRoot, card);

  const gate = {
    assessed: offer.call.assessedAt !== null,
    clearanceDue:
      offer.disposition === 'crisis_centre' &&
      offer.call.triage.checks.some((check) => check.id === clearanceCheckId),
  };
  replaceChildren(actionsRoot, guard.held ? guard.view() : statusActions(status, gate, guard.hold));
  const onScene = status === 'on_scene' || status === 'transporting';
  if (!onScene) {
    replaceChildren(assessmentRoot);
    assessmentFor = null;
  } else if (assessmentFor !== offer.call.id) {
    assessmentFor = offer.call.id;
    replaceChildren(
      assessmentRoot,
      assessmentForm(offer.call, (result) => {
        if (!offer) return;
        setOffer(withCall(offer, result.call));
        render();
      }),
    );
  }
};

/** The offer after its call changed (re-triage, escalation): pathway and destination follow the call. */
const withCall = (current: OfferView, call: CallView): OfferView => ({
  ...current,
  call,
  disposition: call.disposition,
  destination: call.destination,
});

const setOffer = (next: OfferView | null) => {
  offer = next;
  rememberOffer(next);
};

function applyAssignment(assignment: AssignmentView) {
  if (!offer || offer.assignment.id !== assignment.id) return;
  if (isActiveAssignment(assignment.status)) {
    setOffer({ ...offer, assignment });
  } else {
    notify(`Assignment ${label(assignmentStatusLabels, assignment.status).toLowerCase()}.`);
    setOffer(null);
  }
  render();
}

async function load() {
  const { offer: current } = await api<{ offer: OfferView | null }>('GET', '/api/me/assignment');
  setOffer(current && isActiveAssignment(current.assignment.status) ? current : null);
  render();
}

const live = connectLive(setUpHeader(user, myUnit ? `Unit ${myUnit.callSign}` : 'No unit'), () =>
  runInBackground(load()),
);
live.on('assignment:offered', (incoming) => {
  setOffer(incoming);
  withdrawn = null;
  notify(`New offer: ${incoming.call.complaint.replace(/_/g, ' ')}, ${incoming.call.patient.age}.`);
  render();
  offerRoot.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
live.on('assignment:updated', applyAssignment);
live.on('assignment:withdrawn', (event) => {
  withdrawn = event;
  if (offer?.assignment.id === event.assignmentId) {
    guard.undo();
    setOffer(null);
  }
  notify(`Call withdrawn: ${event.reason}.`, 'error');
  render();
});
live.on('call:updated', (call) => {
  if (!offer || offer.call.id !== call.id) return;
  setOffer(withCall(offer, call));
  render();
});
// Back online: send what waits (the socket reconnecting says so too, sometimes first).
window.addEventListener('online', () => runInBackground(outbox.flush()));
live.socket.on('connect', () => runInBackground(outbox.flush()));
setUpPositionSharing(live.socket);
if (myUnit) must<HTMLElement>('#unit-name').textContent = myUnit.callSign;

await load().catch((err: unknown) => {
  notify(err instanceof Error ? err.message : 'Could not load the assignment', 'error');
  render();
});
runInBackground(outbox.flush());
