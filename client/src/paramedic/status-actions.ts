// The next allowed steps of an assignment, as large buttons (a gloved finger), from the
// lifecycle table the server checks (shared/assignments.ts).
// The on-scene assessment comes first: until it is recorded, Transporting is not offered
// and the call can be completed only as a refusal of care (the server refuses the rest, 409).
// A pressed step is not sent at once: the page holds it for an Undo (step-guard.ts).
// The reason categories have no imports of their own; the browser bundles the same lists.
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

export type ChooseStep = (change: StatusChange, text: string) => void;

/** What the call still needs before the patient moves. */
export interface StepGate {
  /** An on-scene assessment is recorded. */
  assessed: boolean;
  /** A crisis-centre call whose medical clearance is not complete yet. */
  clearanceDue: boolean;
}

export function statusActions(
  status: AssignmentStatus,
  { assessed, clearanceDue }: StepGate,
  choose: ChooseStep,
): HTMLElement {
  const root = el('div', {
    className: 'status-actions',
    testId: 'status-actions',
    dataset: { status, assessed: String(assessed) },
  });
  const next = assignmentTransitions[status];
  const canTransport = assessed && !clearanceDue;
  const steps = next.filter(isOneTap).filter((step) => step !== 'transporting' || canTransport);
  for (const step of steps) {
    const button = el('button', {
      text: buttonText[step],
      className: 'big step',
      testId: `status-${step}`,
      attrs: { type: 'button' },
    });
    button.addEventListener('click', () => choose({ status: step }, buttonText[step]));
    root.append(button);
  }
  if (status === 'on_scene' && !assessed)
    root.append(
      el('p', {
        className: 'assessment-first',
        testId: 'assessment-first',
        text: 'Assessment first: record the on-scene assessment (Re-triage, above) before Transporting or Complete.',
      }),
    );
  if (status === 'on_scene' && assessed && clearanceDue)
    root.append(
      el('p', {
        className: 'assessment-first',
        testId: 'clearance-first',
        text: 'Transporting to the crisis centre opens once the medical clearance is complete (checklist above).',
      }),
    );
  if (next.includes('declined')) root.append(declineForm(choose));
  if (next.includes('completed')) root.append(completeForm(assessed, choose));
  return root;
}

function declineForm(choose: ChooseStep): HTMLElement {
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
      className: 'danger big',
      attrs: { type: 'submit' },
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
    const declineCategory = category.value as DeclineCategory;
    choose(
      {
        status: 'declined',
        declineCategory,
        ...(details.length >= 3 ? { reason: details } : {}),
      },
      `Decline: ${declineCategoryLabels[declineCategory]}`,
    );
  });
  return form;
}

function completeForm(assessed: boolean, choose: ChooseStep): HTMLElement {
  const outcome = el(
    'select',
    { id: 'outcome', attrs: { required: true } },
    el('option', { text: 'Choose the outcome…', attrs: { value: '' } }),
  );
  // Before the assessment only a refusal of care can close the call.
  for (const [value, text] of Object.entries(outcomeLabels) as Array<[Outcome, string]>)
    if (assessed || value === 'refused_care')
      outcome.append(el('option', { text, attrs: { value } }));
  const form = el(
    'form',
    { className: 'inline-form', testId: 'complete-form' },
    el('label', { attrs: { for: 'outcome' }, text: 'Outcome' }),
    outcome,
    el('button', {
      text: 'Complete',
      className: 'big',
      attrs: { type: 'submit' },
      testId: 'status-completed',
    }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!outcome.value) {
      outcome.focus();
      return;
    }
    const chosen = outcome.value as Outcome;
    choose({ status: 'completed', outcome: chosen }, `Complete: ${outcomeLabels[chosen]}`);
  });
  return form;
}
