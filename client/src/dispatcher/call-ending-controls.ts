// Ending a call without a CP visit: hand it to ambulance dispatch (with their incident number,
// if the dispatcher has one), or cancel it with a reason. The server withdraws any offer.
import { cancelReasons, type CancelReason } from '../../../shared/call-lifecycle.js';
import { api, ApiError } from '../api.js';
import type { CallView } from '../shared/contract.js';
import { el } from '../shared/dom.js';
import { cancelReasonLabels } from '../shared/labels.js';

export interface EndingOptions {
  allowHandoff: boolean;
  /** Only the hand-off (the ED call's primary action); cancel is offered separately. */
  handoffOnly?: boolean;
  onEnded: (call: CallView, message: string) => void;
}

export function endingControls(call: CallView, options: EndingOptions): HTMLElement {
  const error = el('p', { className: 'error', testId: 'ending-error', attrs: { role: 'alert' } });
  const fail = (err: unknown) => {
    error.textContent =
      err instanceof ApiError
        ? (err.body?.error.issues?.map((i) => i.message).join('; ') ?? err.message)
        : err instanceof Error
          ? err.message
          : 'Could not end the call';
  };
  const parts: Node[] = [];
  if (options.allowHandoff) parts.push(handoffForm(call, options, fail));
  if (!options.handoffOnly) parts.push(cancelForm(call, options, fail));
  return el('div', { className: 'ending' }, ...parts, error);
}

function handoffForm(
  call: CallView,
  options: EndingOptions,
  fail: (err: unknown) => void,
): HTMLFormElement {
  const id = `handoff-reference-${call.id}`;
  const reference = el('input', {
    id,
    attrs: { type: 'text', maxlength: 100, autocomplete: 'off', placeholder: 'optional' },
  });
  const submit = el('button', {
    text: 'Hand to ambulance dispatch',
    testId: 'handoff-submit',
    className: 'handoff',
    attrs: { type: 'submit' },
  });
  const form = el(
    'form',
    { className: 'handoff-form', testId: 'handoff-form' },
    el('label', { attrs: { for: id }, text: 'Ambulance incident number' }),
    reference,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    submit.disabled = true;
    const ref = reference.value.trim();
    api<{ call: CallView }>('POST', `/api/calls/${call.id}/handoff`, ref ? { reference: ref } : {})
      .then(({ call: ended }) => options.onEnded(ended, 'Handed to ambulance dispatch.'))
      .catch((err: unknown) => {
        submit.disabled = false;
        fail(err);
      });
  });
  return form;
}

function cancelForm(
  call: CallView,
  options: EndingOptions,
  fail: (err: unknown) => void,
): HTMLElement {
  const reasonId = `cancel-reason-${call.id}`;
  const detailsId = `cancel-details-${call.id}`;
  // Not `required`: the check below says what is missing in words, beside the field.
  const reason = el('select', { id: reasonId });
  reason.append(el('option', { text: 'Choose why…', attrs: { value: '' } }));
  for (const value of cancelReasons)
    reason.append(el('option', { text: cancelReasonLabels[value], attrs: { value } }));
  const details = el('input', {
    id: detailsId,
    attrs: { type: 'text', maxlength: 500, autocomplete: 'off' },
  });
  const submit = el('button', {
    text: call.assignment ? 'Cancel call and withdraw the unit' : 'Cancel call',
    className: 'danger',
    testId: 'cancel-submit',
    attrs: { type: 'submit' },
  });
  const form = el(
    'form',
    { className: 'cancel-form' },
    el('label', { attrs: { for: reasonId }, text: 'Reason' }),
    reason,
    el('label', { attrs: { for: detailsId }, text: 'Details (required for “Other”)' }),
    details,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    if (!reason.value) return fail(new Error('Choose why the call is cancelled.'));
    const body: { reason: CancelReason; details?: string } = {
      reason: reason.value as CancelReason,
    };
    if (details.value.trim()) body.details = details.value.trim();
    submit.disabled = true;
    api<{ call: CallView }>('POST', `/api/calls/${call.id}/cancel`, body)
      .then(({ call: ended }) => options.onEnded(ended, 'Call cancelled.'))
      .catch((err: unknown) => {
        submit.disabled = false;
        fail(err);
      });
  });
  return el(
    'details',
    { className: 'cancel-call', testId: 'cancel-call' },
    el('summary', { text: 'Cancel this call…' }),
    form,
  );
}
