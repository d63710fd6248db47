// The next allowed steps of an assignment, as buttons:
// offered → accepted | declined → en_route → on_scene → transporting → completed, or on_scene → completed.
// The reason categories have no imports of their own; the browser bundles the same lists.
import {
  declineCategories,
  declineCategoryLabels,
  type DeclineCategory,
} from '../../../shared/reason-categories.js';
import type { AssignmentStatus, Outcome } from '../shared/contract.js';
import { el } from '../shared/dom.js';
import { outcomeLabels } from '../shared/labels.js';

export type StatusChange =
  | { status: 'accepted' | 'en_route' | 'on_scene' | 'transporting' }
  | { status: 'declined'; declineCategory: DeclineCategory; reason?: string }
  | { status: 'completed'; outcome: Outcome };

const forward: Partial<
  Record<
    AssignmentStatus,
    Array<{ status: 'accepted' | 'en_route' | 'on_scene' | 'transporting'; text: string }>
  >
> = {
  offered: [{ status: 'accepted', text: 'Accept' }],
  accepted: [{ status: 'en_route', text: 'En route' }],
  en_route: [{ status: 'on_scene', text: 'On scene' }],
  on_scene: [{ status: 'transporting', text: 'Transporting' }],
};

export function statusActions(
  status: AssignmentStatus,
  busy: boolean,
  send: (change: StatusChange) => void,
): HTMLElement {
  const root = el('div', { className: 'status-actions', testId: 'status-actions' });
  for (const step of forward[status] ?? []) {
    const button = el('button', {
      text: step.text,
      className: 'big',
      testId: `status-${step.status}`,
      attrs: { type: 'button', disabled: busy },
    });
    button.addEventListener('click', () => send({ status: step.status }));
    root.append(button);
  }
  if (status === 'offered') root.append(declineForm(busy, send));
  if (status === 'on_scene' || status === 'transporting') root.append(completeForm(busy, send));
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
