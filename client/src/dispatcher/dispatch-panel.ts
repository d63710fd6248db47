// After a call is created: the proposed destination and unit, with Accept or
// Override (another pathway and/or unit, and a reason, which the server records).
// The reason categories have no imports of their own; the browser bundles the same lists.
import {
  declineCategoryLabels,
  overrideCategories,
  overrideCategoryLabels,
  type OverrideCategory,
} from '../../../shared/reason-categories.js';
import { api, ApiError } from '../api.js';
import type { AssignmentView, CallView, Disposition } from '../shared/contract.js';
import { decisionView } from '../shared/decision-view.js';
import { destinationSummary } from '../shared/destination-summary.js';
import { el, field, replaceChildren } from '../shared/dom.js';
import { notify } from '../shared/header.js';
import {
  assignmentStatusLabels,
  callStatusLabels,
  complaintLabels,
  dispositionLabels,
  km,
  label,
  skillsText,
  unitStatusLabels,
} from '../shared/labels.js';
import type { LiveBoard } from '../shared/live-board.js';
import { runInBackground } from '../shared/background.js';
import { endingControls } from './call-ending-controls.js';

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
  let draft = { pathway: '', unitId: '', category: '', reason: '' };

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

  const dispatch = async (body: {
    unitId?: string;
    disposition?: Disposition;
    overrideReason?: string;
  }) => {
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
      draft = { pathway: '', unitId: '', category: '', reason: '' };
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

  const content = (call: CallView): Node[] => {
    const assigned =
      call.assignment && !['declined', 'expired', 'cancelled'].includes(call.assignment.status);
    const summary = el(
      'dl',
      { className: 'facts' },
      ...field(
        'Call',
        `${label(complaintLabels, call.complaint)}, ${call.patient.age} · ${label(callStatusLabels, call.status)}`,
      ),
      ...field('Pathway', label(dispositionLabels, call.disposition), 'proposal-pathway'),
      ...field(
        'Destination',
        destinationSummary(
          call.destination,
          call.disposition,
          'No destination needed or available',
        ),
        'proposal-destination',
      ),
      ...field(
        'Unit',
        call.proposedUnit
          ? `${call.proposedUnit.callSign} · ${km(call.proposedUnit.distanceKm)} · ETA ${Math.round(call.proposedUnit.etaMinutes)} min`
          : call.disposition === 'emergency_department'
            ? 'None proposed: an ambulance goes to the ED'
            : 'No suitable unit available',
        'proposal-unit',
      ),
    );
    const nodes: Node[] = [el('h2', { text: 'Dispatch' }), servedBadge(call), summary];
    const ambulance = call.disposition === 'emergency_department';
    if (call.status === 'handed_off' || call.status === 'cancelled') {
      nodes.push(
        el('p', {
          className: 'assigned',
          testId: 'dispatch-result',
          dataset: { status: call.status },
          text:
            call.status === 'handed_off'
              ? `Handed to ambulance dispatch${call.handoff?.reference ? ` (${call.handoff.reference})` : ''}`
              : 'Call cancelled',
        }),
        button('New call', 'new-call', 'secondary', () => {
          current = null;
          render();
          onDone();
        }),
        reasons(call),
      );
      return nodes;
    }
    if (assigned && call.assignment) {
      nodes.push(
        el(
          'p',
          {
            className: 'assigned',
            testId: 'dispatch-result',
            dataset: { status: call.assignment.status },
          },
          `${call.assignment.overridden ? 'Overridden: ' : ''}${call.assignment.callSign} — ${label(assignmentStatusLabels, call.assignment.status)}`,
        ),
        button('New call', 'new-call', 'secondary', () => {
          current = null;
          render();
          onDone();
        }),
        endingControls(call, { allowHandoff: false, onEnded: ended }),
        reasons(call),
      );
      return nodes;
    }
    if (call.assignment)
      nodes.push(
        el('p', {
          className: 'warn',
          text: `${call.assignment.callSign} ${label(assignmentStatusLabels, call.assignment.status).toLowerCase()}${declineText(call.assignment)}`,
        }),
      );
    const accept = button('Accept', 'accept-dispatch', '', () => runInBackground(dispatch({})));
    accept.disabled = busy || !call.proposedUnit;
    // An ED call is ambulance dispatch's: hand-off is the action; a CP unit only by override.
    const primary = ambulance
      ? endingControls(call, { allowHandoff: true, onEnded: ended, handoffOnly: true })
      : accept;
    const override = button(
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
    if (overriding) nodes.push(overrideForm(call));
    if (error)
      nodes.push(
        el('p', {
          className: 'error',
          text: error,
          attrs: { role: 'alert' },
          testId: 'dispatch-error',
        }),
      );
    nodes.push(endingControls(call, { allowHandoff: !ambulance, onEnded: ended }), reasons(call));
    return nodes;
  };

  const overrideForm = (call: CallView): HTMLFormElement => {
    const pathway = el('select', { id: 'override-pathway' });
    for (const [value, text] of Object.entries(dispositionLabels))
      pathway.append(
        el('option', {
          text,
          attrs: { value, selected: value === (draft.pathway || call.disposition) },
        }),
      );
    const unit = el('select', { id: 'override-unit' });
    const units = [...board.units.values()].sort((a, b) => a.callSign.localeCompare(b.callSign));
    for (const u of units) {
      unit.append(
        el('option', {
          text: `${u.callSign} · ${label(unitStatusLabels, u.status)}${u.skills.length ? ` · ${skillsText(u.skills)}` : ''}`,
          attrs: { value: u.id, selected: u.id === (draft.unitId || call.proposedUnit?.id) },
        }),
      );
    }
    const category = el('select', { id: 'override-category', attrs: { required: true } });
    category.append(el('option', { text: 'Choose why…', attrs: { value: '' } }));
    for (const value of overrideCategories)
      category.append(
        el('option', {
          text: overrideCategoryLabels[value],
          attrs: { value, selected: value === draft.category },
        }),
      );
    const reason = el('textarea', {
      id: 'override-reason',
      attrs: { rows: 2, minlength: 3, maxlength: 500 },
    });
    reason.value = draft.reason;
    const form = el(
      'form',
      { className: 'override', testId: 'override-form' },
      el('label', { attrs: { for: 'override-pathway' }, text: 'Pathway' }),
      pathway,
      el('label', { attrs: { for: 'override-unit' }, text: 'Unit' }),
      unit,
      el('label', { attrs: { for: 'override-category' }, text: 'Why (recorded; leads see this)' }),
      category,
      el('label', {
        attrs: { for: 'override-reason' },
        text: 'Details (optional; dispatchers and admins only)',
      }),
      reason,
      el('button', {
        text: 'Dispatch with override',
        attrs: { type: 'submit' },
        testId: 'override-submit',
      }),
    );
    form.addEventListener('input', () => {
      draft = {
        pathway: pathway.value,
        unitId: unit.value,
        category: category.value,
        reason: reason.value,
      };
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const body: {
        unitId?: string;
        disposition?: Disposition;
        overrideCategory?: OverrideCategory;
        overrideReason?: string;
      } = {};
      if (reason.value.trim()) body.overrideReason = reason.value.trim();
      if (unit.value && unit.value !== call.proposedUnit?.id) body.unitId = unit.value;
      if (pathway.value !== call.disposition) body.disposition = pathway.value as Disposition;
      if (!category.value) {
        error = 'An override needs a reason: choose why.';
        render();
        return;
      }
      body.overrideCategory = category.value as OverrideCategory;
      runInBackground(dispatch(body));
    });
    return form;
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
      draft = { pathway: '', unitId: '', category: '', reason: '' };
      render();
      root
        .querySelector<HTMLButtonElement>(
          '[data-testid=accept-dispatch]:not(:disabled), [data-testid=handoff-submit]',
        )
        ?.focus();
    },
  };
}

/**
 * The pathway actually served, large; when it differs from the recommendation (no site open,
 * an override) both are named, with the reason, so the badge never says one thing and dispatch another.
 */
function servedBadge(call: CallView): HTMLElement {
  const recommended = call.triage.disposition;
  const differs = recommended !== call.disposition;
  return el(
    'div',
    { className: 'served' },
    el('span', {
      className: `disposition-badge big disp-${call.disposition}`,
      text:
        call.disposition === 'emergency_department'
          ? `${label(dispositionLabels, call.disposition)}: ambulance dispatch`
          : label(dispositionLabels, call.disposition),
      testId: 'served-pathway',
      dataset: { disposition: call.disposition },
    }),
    differs
      ? el('small', {
          className: 'muted',
          testId: 'served-differs',
          text: `Recommended: ${label(dispositionLabels, recommended)}. Served: ${label(dispositionLabels, call.disposition)}${call.matchReason ? ` (${call.matchReason})` : ''}.`,
        })
      : null,
  );
}

/** The triage's reasons stay with the call while it is open. */
function reasons(call: CallView): HTMLElement {
  return el(
    'details',
    { className: 'call-reasons', attrs: { open: true } },
    el('summary', { text: 'Why this pathway' }),
    decisionView(call.triage, { testPrefix: 'call' }),
  );
}

function button(
  text: string,
  testId: string,
  className: string,
  onClick: () => void,
): HTMLButtonElement {
  const b = el('button', { text, testId, className, attrs: { type: 'button' } });
  b.addEventListener('click', onClick);
  return b;
}

/** ": Vehicle issue — flat tyre on the 401": the category, then the crew's words if any. */
function declineText(assignment: AssignmentView): string {
  const category = assignment.declineCategory && declineCategoryLabels[assignment.declineCategory];
  const parts = [category, assignment.declineReason].filter(Boolean);
  return parts.length ? `: ${parts.join(' — ')}` : '';
}
