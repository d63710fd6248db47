// What the dispatch panel says about a call before anyone acts: the pathway served, the
// proposed destination and unit, and the triage's reasons.
import type { CallView } from '../shared/contract.js';
import { decisionView } from '../shared/decision-view.js';
import { destinationSummary } from '../shared/destination-summary.js';
import { el, field } from '../shared/dom.js';
import {
  callStatusLabels,
  complaintLabels,
  dispositionLabels,
  km,
  label,
} from '../shared/labels.js';

/**
 * The pathway actually served, large; when it differs from the recommendation (no site open,
 * an override) both are named, with the reason, so the badge never says one thing and dispatch another.
 */
export function servedBadge(call: CallView): HTMLElement {
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

/** The call, its pathway, destination and proposed unit, as a definition list. */
export function proposalFacts(call: CallView): HTMLElement {
  return el(
    'dl',
    { className: 'facts' },
    ...field(
      'Call',
      `${label(complaintLabels, call.complaint)}, ${call.patient.age} · ${label(callStatusLabels, call.status)}`,
    ),
    ...field('Pathway', label(dispositionLabels, call.disposition), 'proposal-pathway'),
    ...field(
      'Destination',
      destinationSummary(call.destination, call.disposition, 'No destination needed or available'),
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
}

/** The triage's reasons stay with the call while it is open. */
export function callReasons(call: CallView): HTMLElement {
  return el(
    'details',
    { className: 'call-reasons', attrs: { open: true } },
    el('summary', { text: 'Why this pathway' }),
    decisionView(call.triage, { testPrefix: 'call' }),
  );
}
