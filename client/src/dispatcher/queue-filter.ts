// The queue's search and filters: free text (complaint, address, notes, unit, patient key),
// pathway and status. What the dispatcher chose survives every live re-render.
import type { CallView, Disposition } from '../shared/contract.js';
import { openCallStatuses } from '../../../shared/call-lifecycle.js';
import { el } from '../shared/dom.js';
import {
  assignmentStatusLabels,
  callStatusLabels,
  complaintLabels,
  dispositionLabels,
  label,
} from '../shared/labels.js';

export interface QueueFilter {
  matches(call: CallView): boolean;
  /** True when anything narrows the list (the count then says "2 of 5"). */
  active(): boolean;
}

export function createQueueFilter(root: HTMLElement, onChange: () => void): QueueFilter {
  const search = el('input', {
    id: 'queue-search',
    testId: 'queue-search',
    attrs: { type: 'search', autocomplete: 'off', placeholder: 'Address, notes, unit, complaint…' },
  });
  const pathway = el('select', { id: 'queue-pathway', testId: 'queue-pathway' });
  pathway.append(el('option', { text: 'All pathways', attrs: { value: '' } }));
  for (const [value, text] of Object.entries(dispositionLabels))
    pathway.append(el('option', { text, attrs: { value } }));
  const status = el('select', { id: 'queue-status-filter', testId: 'queue-status-filter' });
  status.append(el('option', { text: 'All statuses', attrs: { value: '' } }));
  for (const value of openCallStatuses)
    status.append(el('option', { text: callStatusLabels[value], attrs: { value } }));

  root.append(
    el('label', { attrs: { for: 'queue-search' }, className: 'sr-only', text: 'Search the queue' }),
    search,
    el('label', { attrs: { for: 'queue-pathway' }, className: 'sr-only', text: 'Pathway' }),
    pathway,
    el('label', { attrs: { for: 'queue-status-filter' }, className: 'sr-only', text: 'Status' }),
    status,
  );
  for (const control of [search, pathway, status]) control.addEventListener('input', onChange);

  return {
    matches(call) {
      if (pathway.value && call.disposition !== (pathway.value as Disposition)) return false;
      if (status.value && call.status !== status.value) return false;
      const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
      if (!words.length) return true;
      const haystack = searchableText(call).toLowerCase();
      return words.every((word) => haystack.includes(word));
    },
    active: () => Boolean(search.value.trim() || pathway.value || status.value),
  };
}

function searchableText(call: CallView): string {
  return [
    label(complaintLabels, call.complaint),
    label(dispositionLabels, call.disposition),
    label(callStatusLabels, call.status),
    call.location.address,
    call.notes,
    call.patient.key,
    call.assignment?.callSign,
    call.assignment && label(assignmentStatusLabels, call.assignment.status),
    call.proposedUnit?.callSign,
  ]
    .filter(Boolean)
    .join(' ');
}
