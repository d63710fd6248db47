// Errors in words beside the field they are about. Each input carries
// `data-field="homeBase.lat"` (the API's issue path); the message goes in a
// sibling element the input is described by, and the first bad field takes focus.
import { ApiError } from '../api.js';
import { el, errorText } from '../shared/dom.js';

let counter = 0;

/** A labelled control with a slot for its error: `<label>Text <input> <span error></span></label>`. */
export function labelled(
  text: string,
  control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement,
  field: string,
): HTMLLabelElement {
  const errorId = `field-error-${++counter}`;
  control.dataset.field = field;
  control.setAttribute('aria-describedby', errorId);
  return el(
    'label',
    { className: 'admin-field' },
    text,
    control,
    el('span', { id: errorId, className: 'field-error', dataset: { errorFor: field } }),
  );
}

export function clearErrors(form: HTMLElement): void {
  for (const slot of form.querySelectorAll<HTMLElement>('[data-error-for]')) slot.textContent = '';
  for (const input of form.querySelectorAll('[aria-invalid]'))
    input.removeAttribute('aria-invalid');
  const summary = form.querySelector<HTMLElement>('.form-error');
  if (summary) summary.textContent = '';
}

/** Shows an API error on the form: field issues beside their fields, anything else on top. */
export function showErrors(form: HTMLElement, err: unknown): void {
  clearErrors(form);
  const summary = form.querySelector<HTMLElement>('.form-error');
  const issues = err instanceof ApiError ? (err.body?.error.issues ?? []) : [];
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
    const input = form.querySelector<HTMLElement>(`[data-field="${slot.dataset.errorFor}"]`);
    input?.setAttribute('aria-invalid', 'true');
    first ??= input ?? undefined;
  }
  if (summary)
    summary.textContent = issues.length
      ? unplaced.length
        ? `Please correct: ${unplaced.join('; ')}`
        : 'Please correct the fields marked below.'
      : errorText(err);
  first?.focus();
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
