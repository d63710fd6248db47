// The next allowed steps of an assignment, as buttons:
// offered → accepted | declined → en_route → on_scene → transporting → completed, or on_scene → completed.
import type { AssignmentStatus, Outcome } from '../shared/contract.js';
import { el } from '../shared/dom.js';
import { outcomeLabels } from '../shared/labels.js';

export type StatusChange =
  | { status: 'accepted' | 'en_route' | 'on_scene' | 'transporting' }
  | { status: 'declined'; reason: string }
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
  const reason = el('input', {
    id: 'decline-reason',
    attrs: { type: 'text', required: true, maxlength: 500, autocomplete: 'off' },
  });
  const form = el(
    'form',
    { className: 'inline-form', testId: 'decline-form' },
    el('label', { attrs: { for: 'decline-reason' }, text: 'Decline reason' }),
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
    if (!reason.value.trim()) {
      reason.focus();
      return;
    }
    send({ status: 'declined', reason: reason.value.trim() });
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
