// The next allowed steps of an assignment, as buttons, from the lifecycle table the
// server checks (shared/assignments.ts). The reason categories have no imports of
// their own; the browser bundles the same lists.
import {
  assignmentTransitions,
  type AssignmentStatus,
  type CrewStep,
} from '../../../shared/assignments.js';
import {
  declineCategories,
  declineCategoryLabels,
  type DeclineCategory,
} from '../../../shared/reason-categories.js';
import type { Outcome } from '../shared/contract.js';
import { el } from '../shared/dom.js';
import { outcomeLabels } from '../shared/labels.js';

/** Steps taken with one tap; declining and completing ask why, or the outcome, first. */
type OneTapStep = Exclude<CrewStep, 'declined' | 'completed'>;

export type StatusChange =
  | { status: OneTapStep }
  | { status: 'declined'; declineCategory: DeclineCategory; reason?: string }
  | { status: 'completed'; outcome: Outcome };

const buttonText: Record<OneTapStep, string> = {
  accepted: 'Accept',
  en_route: 'En route',
  on_scene: 'On scene',
  transporting: 'Transporting',
};
const isOneTap = (step: AssignmentStatus): step is OneTapStep => step in buttonText;

export function statusActions(
  status: AssignmentStatus,
  busy: boolean,
  send: (change: StatusChange) => void,
): HTMLElement {
  const root = el('div', { className: 'status-actions', testId: 'status-actions' });
  const next = assignmentTransitions[status];
  for (const step of next.filter(isOneTap)) {
    const button = el('button', {
      text: buttonText[step],
      className: 'big',
      testId: `status-${step}`,
      attrs: { type: 'button', disabled: busy },
    });
    button.addEventListener('click', () => send({ status: step }));
    root.append(button);
  }
  if (next.includes('declined')) root.append(declineForm(busy, send));
  if (next.includes('completed')) root.append(completeForm(busy, send));
  return root;
}

function declineForm(busy: boolean, send: (change: StatusChange) => void): HTMLElement {
  const category = el('select', { id: 'decline-category', attrs: { required: true } });
  category.append(el('option', { text: 'Choose why…', attrs: { value: '' } }));
  for (const value of declineCategories)
    category.append(el('option', { text: declineCategoryLabels[value], attrs: { value } }));
  const reason = el('input', {
    id: 'decline-reason',
    attrs: { type: 'text', maxlength: 500, autocomplete: 'off' },
  });
  const form = el(
    'form',
    { className: 'inline-form', testId: 'decline-form' },
    el('label', { attrs: { for: 'decline-category' }, text: 'Decline because' }),
    category,
    el('label', { attrs: { for: 'decline-reason' }, text: 'Details (optional)' }),
    reason,
    el('button', {
      text: 'Decline',
      className: 'danger',
      attrs: { type: 'submit', disabled: busy },
      testId: 'status-declined',
    }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!category.value) {
      category.focus();
      return;
    }
    const details = reason.value.trim();
    send({
      status: 'declined',
      declineCategory: category.value as DeclineCategory,
      ...(details.length >= 3 ? { reason: details } : {}),
    });
  });
  return form;
}

function completeForm(busy: boolean, send: (change: StatusChange) => void): HTMLElement {
  const outcome = el(
    'select',
    { id: 'outcome', attrs: { required: true } },
    el('option', { text: 'Choose the outcome…', attrs: { value: '' } }),
  );
  for (const [value, text] of Object.entries(outcomeLabels))
    outcome.append(el('option', { text, attrs: { value } }));
  const form = el(
    'form',
    { className: 'inline-form', testId: 'complete-form' },
    el('label', { attrs: { for: 'outcome' }, text: 'Outcome' }),
    outcome,
    el('button', {
      text: 'Complete',
      attrs: { type: 'submit', disabled: busy },
      testId: 'status-completed',
    }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!outcome.value) {
      outcome.focus();
      return;
    }
    send({ status: 'completed', outcome: outcome.value as Outcome });
  });
  return form;
}
