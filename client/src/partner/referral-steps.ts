// The one step a site can take next on a referral, as a form on its card: accept or
// decline (with a reason), record the arrival, record the outcome. What staff type
// lives in the draft, so a live redraw of the board keeps it.
import {
  referralOutcomeLabels,
  referralOutcomes,
  rejectReasonLabels,
  rejectReasons,
  type ReferralOutcome,
  type RejectReason,
} from '../../../shared/referrals.js';
import type { ReferralView } from '../shared/contract.js';
import { el } from '../shared/dom.js';
import { arrivalInstant, clockNow } from './arrival-time.js';

/** What the site sends to POST /api/referrals/:id/status. */
export type ReferralStep =
  | { status: 'accepted' }
  | { status: 'rejected'; reason: RejectReason; note?: string }
  | { status: 'in-progress'; arrivedAt: string }
  | { status: 'completed'; outcome: ReferralOutcome };

export interface ReferralDraft {
  declining: boolean;
  reason: string;
  note: string;
  arrivedAt: string;
  outcome: string;
  error: string;
}

export const emptyDraft = (): ReferralDraft => ({
  declining: false,
  reason: '',
  note: '',
  arrivedAt: '',
  outcome: '',
  error: '',
});

export interface CardOptions {
  draft: ReferralDraft;
  busy: boolean;
  /** When this view of the referral arrived (the ETA counts from then). */
  receivedAt: number;
  onStep(step: ReferralStep): void;
  /** A draft change that needs the card redrawn (decline opened or closed). */
  onRedraw(): void;
}

/** The card's actions for the referral's status, with the draft's error; none once it is closed. */
export function actions(referral: ReferralView, options: CardOptions): HTMLElement | null {
  const { draft } = options;
  const error = draft.error
    ? el('p', {
        className: 'error',
        text: draft.error,
        attrs: { role: 'alert' },
        testId: 'referral-error',
      })
    : null;
  let body: HTMLElement | null = null;
  if (referral.status === 'requested')
    body = draft.declining ? declineForm(referral, options) : decideButtons(referral, options);
  if (referral.status === 'accepted') body = arrivalForm(referral, options);
  if (referral.status === 'in-progress') body = outcomeForm(referral, options);
  if (!body) return null;
  return el('div', { className: 'referral-actions' }, body, error);
}

function button(text: string, testId: string, className = '', type = 'button') {
  return el('button', { text, testId, className, attrs: { type } });
}

function decideButtons(referral: ReferralView, options: CardOptions): HTMLElement {
  const accept = button('Accept', 'referral-accept');
  accept.disabled = options.busy;
  accept.addEventListener('click', () => options.onStep({ status: 'accepted' }));
  const decline = button('Decline…', 'referral-decline', 'secondary');
  decline.disabled = options.busy;
  decline.setAttribute('aria-expanded', 'false');
  decline.addEventListener('click', () => {
    options.draft.declining = true;
    options.draft.error = '';
    options.onRedraw();
    document.getElementById(`decline-reason-${referral.id}`)?.focus();
  });
  return el('div', { className: 'actions' }, accept, decline);
}

function declineForm(referral: ReferralView, options: CardOptions): HTMLFormElement {
  const { draft } = options;
  const reasonId = `decline-reason-${referral.id}`;
  const noteId = `decline-note-${referral.id}`;
  const reason = el('select', { id: reasonId, attrs: { required: true } });
  reason.append(el('option', { text: 'Choose why…', attrs: { value: '' } }));
  for (const value of rejectReasons)
    reason.append(
      el('option', {
        text: rejectReasonLabels[value],
        attrs: { value, selected: value === draft.reason },
      }),
    );
  const note = el('textarea', { id: noteId, attrs: { rows: 2, maxlength: 500 } });
  note.value = draft.note;
  const send = button('Send decline', 'decline-submit', 'danger', 'submit');
  send.disabled = options.busy;
  const back = button('Keep it', 'decline-cancel', 'secondary');
  back.addEventListener('click', () => {
    draft.declining = false;
    draft.error = '';
    options.onRedraw();
  });
  const form = el(
    'form',
    { className: 'decline-form', testId: 'decline-form', attrs: { novalidate: true } },
    el('label', { attrs: { for: reasonId }, text: 'Why we cannot take this patient' }),
    reason,
    el('label', {
      attrs: { for: noteId },
      text: 'In your words (optional; dispatch reads it, leads never do)',
    }),
    note,
    el('div', { className: 'actions' }, send, back),
  );
  form.addEventListener('input', () => {
    draft.reason = reason.value;
    draft.note = note.value;
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!reason.value) {
      draft.error = 'Choose why you are declining: dispatch needs it to find another place.';
      options.onRedraw();
      document.getElementById(reasonId)?.focus();
      return;
    }
    const text = note.value.trim();
    options.onStep({
      status: 'rejected',
      reason: reason.value as RejectReason,
      ...(text ? { note: text } : {}),
    });
  });
  return form;
}

function arrivalForm(referral: ReferralView, options: CardOptions): HTMLFormElement {
  const { draft } = options;
  const timeId = `arrived-at-${referral.id}`;
  const time = el('input', {
    id: timeId,
    attrs: { type: 'time', required: true, value: draft.arrivedAt || clockNow() },
  });
  const send = button(
    'Patient arrived: we take over care',
    'referral-arrived-submit',
    '',
    'submit',
  );
  send.disabled = options.busy;
  const form = el(
    'form',
    { className: 'arrival-form', testId: 'arrival-form', attrs: { novalidate: true } },
    el('label', { attrs: { for: timeId }, text: 'The crew arrived with the patient at' }),
    time,
    send,
  );
  form.addEventListener('input', () => (draft.arrivedAt = time.value));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const arrivedAt = arrivalInstant(time.value);
    if (!arrivedAt) {
      draft.error = 'Give the arrival time as hours and minutes.';
      options.onRedraw();
      return;
    }
    options.onStep({ status: 'in-progress', arrivedAt });
  });
  return form;
}

function outcomeForm(referral: ReferralView, options: CardOptions): HTMLFormElement {
  const { draft } = options;
  const outcomeId = `outcome-${referral.id}`;
  const outcome = el('select', { id: outcomeId, attrs: { required: true } });
  outcome.append(el('option', { text: 'Choose the outcome…', attrs: { value: '' } }));
  for (const value of referralOutcomes)
    outcome.append(
      el('option', {
        text: referralOutcomeLabels[value],
        attrs: { value, selected: value === draft.outcome },
      }),
    );
  const send = button('Complete', 'referral-complete', '', 'submit');
  send.disabled = options.busy;
  const form = el(
    'form',
    { className: 'outcome-form', testId: 'outcome-form', attrs: { novalidate: true } },
    el('label', { attrs: { for: outcomeId }, text: 'When the patient leaves our care' }),
    outcome,
    send,
  );
  form.addEventListener('input', () => (draft.outcome = outcome.value));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!outcome.value) {
      draft.error = 'Choose what became of the patient.';
      options.onRedraw();
      document.getElementById(outcomeId)?.focus();
      return;
    }
    options.onStep({ status: 'completed', outcome: outcome.value as ReferralOutcome });
  });
  return form;
}
