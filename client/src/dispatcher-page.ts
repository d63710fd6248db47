// The dispatcher console: intake form, live recommendation, dispatch decision,
// live queue and map, all kept current by socket events.
import { api, ApiError, newIdempotencyKey } from './api.js';
import { createAlertsBar } from './dispatcher/alerts-bar.js';
import { createDispatchPanel } from './dispatcher/dispatch-panel.js';
import { askAboutDuplicates } from './dispatcher/duplicate-prompt.js';
import { createIntakeForm } from './dispatcher/intake-form.js';
import { createLocationPicker } from './dispatcher/location-picker.js';
import { createPlannedVisits } from './dispatcher/planned-visits.js';
import { createQueue } from './dispatcher/queue.js';
import { createRecommendationPanel } from './dispatcher/recommendation-panel.js';
import { createSiteReferrals } from './dispatcher/site-referrals.js';
import { createUnitBoard } from './dispatcher/unit-board.js';
import { createBaseMap } from './map/base-map.js';
import { bindBoardToMap } from './map/board-map.js';
import { renderLegend } from './map/legend.js';
import { fetchCarePlan, showCarePlan } from './shared/care-plan-card.js';
import type { CallInput, CallView, CarePlanView, PossibleDuplicate } from './shared/contract.js';
import { errorText, must } from './shared/dom.js';
import { notify, setUpHeader } from './shared/header.js';
import { LiveBoard } from './shared/live-board.js';
import { connectLive } from './shared/realtime.js';
import { requireUser } from './shared/session.js';
import { runInBackground } from './shared/background.js';

const user = await requireUser(['dispatcher', 'admin']);
const board = new LiveBoard();
const refresh = () =>
  board
    .load({ calls: true })
    .catch((err: unknown) => notify(`Could not refresh: ${errorText(err)}`, 'error'));
/** What reloads after a gap in the live feed; the alerts bar joins once it exists. */
const onResync: Array<() => Promise<unknown>> = [refresh];
const live = connectLive(setUpHeader(user, 'Dispatch'), () => {
  for (const reload of onResync) runInBackground(reload());
});
board.listen(live);
const visits = createPlannedVisits(must('#visits-body'), must('#visits-count'), live);
onResync.push(() => visits.load());
const siteReferrals = createSiteReferrals(
  must('#site-referrals-body'),
  must('#site-referrals-count'),
  board,
  live,
);
onResync.push(() => siteReferrals.reload());

const form = createIntakeForm(must<HTMLFormElement>('#intake-form'));
must<HTMLSelectElement>('#complaint').focus(); // a call-taker starts typing at once
const recommendation = createRecommendationPanel(must('#recommendation-body'), (name) =>
  form.focusQuestion(name),
);
const dispatchPanel = createDispatchPanel(must('#dispatch-panel'), board, () => form.reset());
const openCall = (call: CallView) => dispatchPanel.show(call);
createQueue(must('#queue-body'), must('#queue-count'), must('#queue-filters'), board, openCall);
createUnitBoard(must('#unit-board-body'), board, openCall);
const alerts = createAlertsBar(must('#alerts'), live, (callId) => {
  const call = board.calls.get(callId);
  if (call) dispatchPanel.show(call);
  return call;
});
onResync.push(() => alerts.reload());

const map = await createBaseMap(must('#map'));
bindBoardToMap(map, board);
renderLegend(must('#map-legend'));
const picker = createLocationPicker(map, (lat, lng) => form.setLocation(lat, lng));
const carePlanRoot = must<HTMLElement>('#care-plan');
const patientKeyInput = must<HTMLInputElement>('#patient-key');
// At intake: the known patient's plan as soon as the key is entered (each look is audited).
patientKeyInput.addEventListener('change', () => {
  const key = patientKeyInput.value.trim();
  if (!key) return showCarePlan(carePlanRoot, null);
  fetchCarePlan(key)
    .then((plan) => {
      if (patientKeyInput.value.trim() === key) showCarePlan(carePlanRoot, plan);
    })
    .catch((err: unknown) => notify(`Could not read the care plan: ${errorText(err)}`, 'error'));
});

form.onChange(() => {
  const call = form.read();
  recommendation.update(call);
  picker.show(call.location);
});

// One key per call being typed: a double click or a retry of Create makes one call, not two.
let draftKey = newIdempotencyKey();
let creating = false;
form.onSubmit((call) => runInBackground(createCall(call, { askFirst: true })));
const duplicatePrompt = must<HTMLElement>('#duplicate-prompt');

async function createCall(call: CallInput, options: { askFirst: boolean }): Promise<void> {
  if (creating) return;
  if (!form.check(call)) {
    notify('Check the fields marked in the form.', 'error');
    return;
  }
  creating = true;
  form.setBusy(true);
  try {
    const { carePlan, ...created } = await api<CallView & { carePlan: CarePlanView | null }>(
      'POST',
      options.askFirst ? '/api/calls?ifNoDuplicate=true' : '/api/calls',
      call,
      { idempotencyKey: draftKey },
    );
    draftKey = newIdempotencyKey();
    showCarePlan(carePlanRoot, carePlan);
    board.upsertCall(created);
    picker.show(undefined); // the call's own pin marks the place now
    form.reset({ focus: false }); // ready for the next call; the panel keeps this one
    dispatchPanel.show(created);
    notify('Call created.');
  } catch (err) {
    draftKey = newIdempotencyKey(); // the corrected call is a new request
    const duplicates =
      (err instanceof ApiError &&
        err.body?.error.code === 'possible_duplicate' &&
        (err.body as { possibleDuplicates?: PossibleDuplicate[] }).possibleDuplicates) ||
      [];
    if (duplicates.length) {
      askAboutDuplicates(duplicatePrompt, duplicates, {
        createAnyway: () => runInBackground(createCall(form.read(), { askFirst: false })),
        open: (id) => {
          const existing = board.calls.get(id);
          if (existing) dispatchPanel.show(existing);
          else notify('That call is no longer on the board.');
        },
      });
      return;
    }
    const issues = err instanceof ApiError ? (err.body?.error.issues ?? []) : [];
    const unplaced = form.showServerIssues(issues);
    notify(
      issues.length
        ? unplaced.length
          ? `Check: ${unplaced.join('; ')}`
          : 'Check the fields marked in the form.'
        : err instanceof Error
          ? err.message
          : 'Could not create the call',
      'error',
    );
  } finally {
    creating = false;
    form.setBusy(false);
  }
}

await Promise.all([refresh(), alerts.reload(), visits.load(), siteReferrals.reload()]);
