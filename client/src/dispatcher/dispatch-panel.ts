// After a call is created: the proposed destination and unit, with Accept or
// Override (another pathway and/or unit, and a reason, which the server records).
// This file holds the panel's state and what it shows when; the parts are beside it.
import { api, ApiError } from '../api.js';
import type { AssignmentView, CallView } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { notify } from '../shared/header.js';
import type { LiveBoard } from '../shared/live-board.js';
import { runInBackground } from '../shared/background.js';
import { actionButton } from './action-button.js';
import { endingControls } from './call-ending-controls.js';
import { assignedResult, endedResult, heldAssignment, releasedNotice } from './dispatch-result.js';
import { emptyDraft, overrideForm, type OverrideRequest } from './override-form.js';
import { callReasons, proposalFacts, servedBadge } from './proposal-facts.js';

export interface DispatchPanel {
  show(call: CallView): void;
}

export function createDispatchPanel(
  root: HTMLElement,
  board: LiveBoard,
  onDone: () => void,
): DispatchPanel {
  let current: CallView | null = null;
  let overriding = false;
  let error = '';
  let busy = false;
  // What the dispatcher typed into the override form survives a re-render.
  let draft = emptyDraft();

  const render = () => {
    if (!current) {
      root.hidden = true;
      return;
    }
    root.hidden = false;
    // A live update redraws the panel: keep the dispatcher's keyboard focus on the same
    // control (Accept, hand off …), or Enter would no longer do what the screen shows.
    const focused = root.contains(document.activeElement)
      ? document.activeElement?.getAttribute('data-testid')
      : null;
    replaceChildren(root, ...content(current));
    if (focused)
      root.querySelector<HTMLElement>(`[data-testid="${focused}"]:not(:disabled)`)?.focus();
  };

  /** Hand-off or cancel: the call leaves the board; the panel says what happened. */
  const ended = (call: CallView, message: string) => {
    current = call;
    overriding = false;
    notify(message);
    render();
    onDone();
  };

  const dispatch = async (body: OverrideRequest) => {
    if (!current || busy) return;
    busy = true;
    error = '';
    render();
    try {
      const { assignment } = await api<{ assignment: AssignmentView }>(
        'POST',
        `/api/calls/${current.id}/dispatch`,
        body,
      );
      overriding = false;
      draft = emptyDraft();
      board.updateAssignment(assignment);
      current = { ...(board.calls.get(current.id) ?? current), assignment };
      notify(`Offered to ${assignment.callSign}.`);
      onDone();
    } catch (err) {
      error =
        err instanceof ApiError && err.status === 409
          ? `${err.message} Choose another unit.`
          : err instanceof Error
            ? err.message
            : 'Dispatch failed';
      if (err instanceof ApiError && err.status === 409) overriding = true;
    } finally {
      busy = false;
      render();
    }
  };

  /** Done with this call: the panel closes for the next one. */
  const newCall = () =>
    actionButton('New call', 'new-call', 'secondary', () => {
      current = null;
      render();
      onDone();
    });

  const content = (call: CallView): Node[] => {
    const held = heldAssignment(call);
    const nodes: Node[] = [el('h2', { text: 'Dispatch' }), servedBadge(call), proposalFacts(call)];
    const ambulance = call.disposition === 'emergency_department';
    if (call.status === 'handed_off' || call.status === 'cancelled') {
      nodes.push(endedResult(call), newCall(), callReasons(call));
      return nodes;
    }
    if (held) {
      nodes.push(
        assignedResult(held),
        newCall(),
        endingControls(call, { allowHandoff: false, onEnded: ended }),
        callReasons(call),
      );
      return nodes;
    }
    if (call.assignment) nodes.push(releasedNotice(call.assignment));
    const accept = actionButton('Accept', 'accept-dispatch', '', () =>
      runInBackground(dispatch({})),
    );
    accept.disabled = busy || !call.proposedUnit;
    // An ED call is ambulance dispatch's: hand-off is the action; a CP unit only by override.
    const primary = ambulance
      ? endingControls(call, { allowHandoff: true, onEnded: ended, handoffOnly: true })
      : accept;
    const override = actionButton(
      overriding
        ? 'Cancel override'
        : ambulance
          ? 'Send a CP unit as first response…'
          : 'Override…',
      'override-toggle',
      'secondary',
      () => {
        overriding = !overriding;
        render();
      },
    );
    override.setAttribute('aria-expanded', String(overriding));
    nodes.push(el('div', { className: 'actions' }, primary, override));
    if (overriding)
      nodes.push(
        overrideForm(call, {
          units: board.units.values(),
          draft,
          onDraft: (typed) => (draft = typed),
          onMissingCategory: () => {
            error = 'An override needs a reason: choose why.';
            render();
          },
          onSubmit: (request) => runInBackground(dispatch(request)),
        }),
      );
    if (error)
      nodes.push(
        el('p', {
          className: 'error',
          text: error,
          attrs: { role: 'alert' },
          testId: 'dispatch-error',
        }),
      );
    nodes.push(
      endingControls(call, { allowHandoff: !ambulance, onEnded: ended }),
      callReasons(call),
    );
    return nodes;
  };

  board.onCall((call) => {
    if (current?.id !== call.id) return;
    current = call;
    // Do not rebuild the override form under the dispatcher's fingers.
    if (overriding && !call.assignment) return;
    render();
  });
  render();

  return {
    show(call) {
      current = call;
      overriding = false;
      error = '';
      draft = emptyDraft();
      render();
      root
        .querySelector<HTMLButtonElement>(
          '[data-testid=accept-dispatch]:not(:disabled), [data-testid=handoff-submit]',
        )
        ?.focus();
    },
  };
}
