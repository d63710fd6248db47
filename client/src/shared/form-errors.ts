// Errors in words beside the field they are about. Each input carries
// `data-field="homeBase.lat"` (the API's issue path); the message goes in a
// sibling element the input is described by, and the first bad field takes focus.
import { ApiError } from '../api.js';
import { el, errorText } from './dom.js';

export interface FieldIssue {
  path: string;
  message: string;
}

let counter = 0;

/** Gives a control its error slot, placed right after it: the control is described by it. */
export function withErrorSlot(
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  field: string,
): HTMLSpanElement {
  const errorId = `field-error-${++counter}`;
  // A control can answer for a second path too (latitude for "location" as a whole).
  if (control.dataset.field)
    control.dataset.alsoFields = `${control.dataset.alsoFields ?? ''} ${field}`.trim();
  else control.dataset.field = field;
  const described = control.getAttribute('aria-describedby');
  control.setAttribute('aria-describedby', described ? `${described} ${errorId}` : errorId);
  return el('span', { id: errorId, className: 'field-error', dataset: { errorFor: field } });
}

/** A labelled control with a slot for its error: `<label>Text <input> <span error></span></label>`. */
export function labelled(
  text: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  field: string,
): HTMLLabelElement {
  return el('label', { className: 'admin-field' }, text, control, withErrorSlot(control, field));
}

export function clearErrors(form: HTMLElement, field?: string): void {
  const only = field ? `="${field}"` : '';
  for (const slot of form.querySelectorAll<HTMLElement>(`[data-error-for${only}]`))
    slot.textContent = '';
  for (const input of form.querySelectorAll(`[data-field${only}][aria-invalid]`))
    input.removeAttribute('aria-invalid');
  const summary = form.querySelector<HTMLElement>('.form-error');
  if (summary && !field) summary.textContent = '';
}

/** Shows an API error on the form: field issues beside their fields, anything else on top. */
export function showErrors(form: HTMLElement, err: unknown): void {
  const issues = err instanceof ApiError ? (err.body?.error.issues ?? []) : [];
  showIssues(form, issues, errorText(err));
}

/**
 * Puts each issue beside its field and focuses the first bad one. Returns the issues no
 * field on the form could take (shown in the summary line when the form has one).
 */
export function showIssues(
  form: HTMLElement,
  issues: FieldIssue[],
  fallback = '',
  options: { focus?: boolean } = {},
): string[] {
  clearErrors(form);
  const summary = form.querySelector<HTMLElement>('.form-error');
  let first: HTMLElement | undefined;
  const unplaced: string[] = [];
  for (const issue of issues) {
    const slot = closestSlot(form, issue.path);
    if (!slot) {
      unplaced.push(`${issue.path}: ${issue.message}`);
      continue;
    }
    if (slot.textContent) continue; // the first problem with a field is the one to fix first
    slot.textContent = sentence(issue.message);
    const input = fieldControl(form, slot.dataset.errorFor ?? '');
    input?.setAttribute('aria-invalid', 'true');
    // The first bad field on the page, whatever order the issues came in.
    if (
      input &&
      (!first || first.compareDocumentPosition(input) & Node.DOCUMENT_POSITION_PRECEDING)
    )
      first = input;
  }
  if (summary)
    summary.textContent = issues.length
      ? unplaced.length
        ? `Please correct: ${unplaced.join('; ')}`
        : 'Please correct the fields marked below.'
      : fallback;
  if (options.focus !== false) first?.focus();
  return unplaced;
}

/** Shows or clears one field's message (a check as the call-taker leaves the field). */
export function showFieldIssue(
  form: HTMLElement,
  field: string,
  message: string | undefined,
): void {
  const slot = form.querySelector<HTMLElement>(`[data-error-for="${field}"]`);
  if (!slot) return;
  slot.textContent = message ? sentence(message) : '';
  const input = fieldControl(form, field);
  if (message) input?.setAttribute('aria-invalid', 'true');
  else input?.removeAttribute('aria-invalid');
}

/** The control for `location`: its own, or the first of its parts (`location.lat`). */
function fieldControl(form: HTMLElement, field: string): HTMLElement | undefined {
  return (
    form.querySelector<HTMLElement>(`[data-field="${field}"], [data-also-fields~="${field}"]`) ??
    form.querySelector<HTMLElement>(`[data-field^="${field}."]`) ??
    undefined
  );
}

/** The slot for `hours.2.opens`, or failing that `hours.2`, then `hours`. */
function closestSlot(form: HTMLElement, path: string): HTMLElement | undefined {
  const parts = path.split('.');
  while (parts.length) {
    const slot = form.querySelector<HTMLElement>(`[data-error-for="${parts.join('.')}"]`);
    if (slot) return slot;
    parts.pop();
  }
  return undefined;
}

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** The error line at the top of a form. */
export const formError = () => el('p', { className: 'form-error error', attrs: { role: 'alert' } });
