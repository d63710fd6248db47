// The paramedic's view (phone first): the current offer, its next steps, the
// on-scene assessment and position sharing. New offers arrive live.
import { api, ApiError } from './api.js';
import { assessmentForm } from './paramedic/assessment-form.js';
import { offerCard } from './paramedic/offer-card.js';
import { setUpPositionSharing } from './paramedic/position-sharing.js';
import { statusActions, type StatusChange } from './paramedic/status-actions.js';
import { fetchCarePlan, showCarePlan } from './shared/care-plan-card.js';
import type {
  AssignmentView,
  AssignmentWithdrawn,
  CallView,
  OfferView,
  Unit,
} from './shared/contract.js';
import { el, must, replaceChildren } from './shared/dom.js';
import { notify, setUpHeader } from './shared/header.js';
import { assignmentStatusLabels, label } from './shared/labels.js';
import { connectLive } from './shared/realtime.js';
import { requireUser } from './shared/session.js';
import { runInBackground } from './shared/background.js';
import { isActiveAssignment } from '../../shared/assignments.js';

const user = await requireUser(['paramedic']);
const units = await api<Unit[]>('GET', '/api/units').catch(() => [] as Unit[]);
const myUnit = units.find((unit) => unit.id === user.unitId);

const offerRoot = must<HTMLElement>('#offer');
const actionsRoot = must<HTMLElement>('#actions');
const assessmentRoot = must<HTMLElement>('#assessment');
const carePlanRoot = must<HTMLElement>('#care-plan');
/** The call whose care plan is on screen (read once per call: each read is audited). */
let carePlanFor: string | null = null;
let offer: OfferView | null = null;
/** The last call dispatch took back from this unit, said on screen until the next offer. */
let withdrawn: AssignmentWithdrawn | null = null;
let busy = false;
/** The call whose assessment form is on screen, so a status change does not wipe what was typed. */
let assessmentFor: string | null = null;

/** The patient's care plan, read when a call for a known patient reaches this unit. */
const loadCarePlan = (call: CallView | null) => {
  if (call?.id === carePlanFor) return;
  carePlanFor = call?.id ?? null;
  showCarePlan(carePlanRoot, null);
  const key = call?.patient.key;
  if (!call || !key) return;
  fetchCarePlan(key)
    .then((plan) => {
      if (carePlanFor === call.id) showCarePlan(carePlanRoot, plan);
    })
    .catch(() => notify('Could not read the patient’s care plan', 'error'));
};

const render = () => {
  loadCarePlan(offer?.call ?? null);
  if (!offer) {
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
        text: 'No current assignment. New offers appear here.',
        testId: 'no-offer',
      }),
    );
    replaceChildren(actionsRoot);
    replaceChildren(assessmentRoot);
    assessmentFor = null;
    return;
  }
  replaceChildren(offerRoot, offerCard(offer));
  replaceChildren(
    actionsRoot,
    statusActions(offer.assignment.status, busy, (change) => runInBackground(changeStatus(change))),
  );
  const onScene =
    offer.assignment.status === 'on_scene' || offer.assignment.status === 'transporting';
  if (!onScene) {
    replaceChildren(assessmentRoot);
    assessmentFor = null;
  } else if (assessmentFor !== offer.call.id) {
    assessmentFor = offer.call.id;
    replaceChildren(
      assessmentRoot,
      assessmentForm(offer.call.id, offer.call.complaint, (result) => {
        if (!offer) return;
        offer = withCall(offer, result.call);
        replaceChildren(offerRoot, offerCard(offer));
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

const applyAssignment = (assignment: AssignmentView) => {
  if (!offer || offer.assignment.id !== assignment.id) return;
  if (isActiveAssignment(assignment.status)) {
    offer = { ...offer, assignment };
  } else {
    notify(`Assignment ${label(assignmentStatusLabels, assignment.status).toLowerCase()}.`);
    offer = null;
  }
  render();
};

async function changeStatus(change: StatusChange) {
  if (!offer || busy) return;
  busy = true;
  render();
  try {
    const { assignment } = await api<{ assignment: AssignmentView }>(
      'POST',
      `/api/assignments/${offer.assignment.id}/status`,
      change,
    );
    busy = false;
    applyAssignment(assignment);
  } catch (err) {
    busy = false;
    notify(err instanceof ApiError ? err.message : 'Could not reach altpath', 'error');
    render();
  }
}

const load = async () => {
  const { offer: current } = await api<{ offer: OfferView | null }>('GET', '/api/me/assignment');
  offer = current && isActiveAssignment(current.assignment.status) ? current : null;
  render();
};

const live = connectLive(setUpHeader(user, myUnit ? `Unit ${myUnit.callSign}` : 'No unit'), () =>
  runInBackground(load()),
);
live.on('assignment:offered', (incoming) => {
  offer = incoming;
  withdrawn = null;
  notify(`New offer: ${incoming.call.complaint.replace(/_/g, ' ')}, ${incoming.call.patient.age}.`);
  render();
  offerRoot.scrollIntoView({ behavior: 'smooth', block: 'start' });
});
live.on('assignment:updated', applyAssignment);
live.on('assignment:withdrawn', (event) => {
  withdrawn = event;
  if (offer?.assignment.id === event.assignmentId) offer = null;
  notify(`Call withdrawn: ${event.reason}.`, 'error');
  render();
});
live.on('call:updated', (call) => {
  if (!offer || offer.call.id !== call.id) return;
  offer = withCall(offer, call);
  replaceChildren(offerRoot, offerCard(offer));
});
setUpPositionSharing(live.socket);
if (myUnit) must<HTMLElement>('#unit-name').textContent = myUnit.callSign;

await load().catch((err: unknown) => {
  notify(err instanceof Error ? err.message : 'Could not load the assignment', 'error');
  render();
});
