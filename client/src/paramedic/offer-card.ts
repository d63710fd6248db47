// The paramedic's current assignment: patient summary, pathway and destination.
// Notes and addresses are the call-taker's words, shown as text.
import type { OfferView, Sex } from '../shared/contract.js';
import { destinationSummary } from '../shared/destination-summary.js';
import { el, field } from '../shared/dom.js';
import {
  acuityLabels,
  assignmentStatusLabels,
  complaintLabels,
  dispositionLabels,
  formatTime,
  label,
  sexLabels,
} from '../shared/labels.js';

export function offerCard(offer: OfferView): HTMLElement {
  const { call, assignment, destination } = offer;
  const where =
    call.location.address ?? `${call.location.lat.toFixed(5)}, ${call.location.lng.toFixed(5)}`;
  return el(
    'article',
    {
      className: `offer status-${assignment.status}`,
      testId: 'offer',
      dataset: { assignmentId: assignment.id, status: assignment.status },
    },
    el(
      'header',
      {},
      el('span', {
        className: `status-pill assignment-${assignment.status}`,
        text: label(assignmentStatusLabels, assignment.status),
        testId: 'offer-status',
      }),
      call.escalated ? el('span', { className: 'flag', text: 'Escalated' }) : null,
      el('span', { className: 'muted', text: ` offered ${formatTime(assignment.offeredAt)}` }),
    ),
    el('h2', {
      text: `${label(complaintLabels, call.complaint)} · ${call.patient.age}, ${label(sexLabels, call.patient.sex as Sex)}`,
    }),
    el(
      'dl',
      { className: 'facts' },
      ...field('Address', where, 'offer-address'),
      ...field(
        'Pathway',
        `${label(dispositionLabels, offer.disposition)} · ${label(acuityLabels, call.triage.acuity)}`,
        'offer-pathway',
      ),
      ...field(
        'Destination',
        destinationSummary(destination, offer.disposition, '—'),
        'offer-destination',
      ),
      ...field('Notes', call.notes ?? '—', 'offer-notes'),
      ...(call.patient.key ? field('Patient key', call.patient.key) : []),
      ...(assignment.overridden && assignment.overrideReason
        ? field('Dispatcher override', assignment.overrideReason)
        : []),
    ),
    el(
      'details',
      {},
      el('summary', { text: 'Why this pathway' }),
      el(
        'ul',
        { className: 'reasons' },
        ...call.triage.reasons.map((r) => el('li', { text: r.message })),
      ),
    ),
  );
}
