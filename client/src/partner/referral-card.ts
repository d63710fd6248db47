// One referral on the partner board: who is coming, when, what the site needs to
// know to receive them, and the one step the site can take next (accept or
// decline, record the arrival, record the outcome). What staff type survives a
// re-render: it lives in the draft, not in the DOM.
import {
  referralOutcomeLabels,
  referralStatusLabels,
  rejectReasonLabels,
} from '../../../shared/referrals.js';
import type { ReferralView } from '../shared/contract.js';
import { el, field } from '../shared/dom.js';
import {
  acuityLabels,
  assignmentStatusLabels,
  complaintLabels,
  formatTime,
  label,
  sexLabels,
  vitalFields,
} from '../shared/labels.js';
import { actions, type CardOptions } from './referral-steps.js';

export function referralCard(referral: ReferralView, options: CardOptions): HTMLLIElement {
  const id = referral.id;
  const patient = referral.patient;
  const title = patient
    ? `${label(complaintLabels, patient.complaint)}, ${patient.age} · ${label(sexLabels, patient.sex as keyof typeof sexLabels)}`
    : 'Referral';
  const titleId = `referral-${id}-title`;
  return el(
    'li',
    {
      className: `referral-card referral-${referral.status}`,
      testId: `referral-${id}`,
      dataset: { status: referral.status, callId: referral.callId },
      attrs: { 'aria-labelledby': titleId },
    },
    el(
      'div',
      { className: 'referral-head' },
      el('h3', { id: titleId, text: title }),
      el('span', {
        className: `referral-status status-${referral.status}`,
        text: referralStatusLabels[referral.status],
        testId: 'referral-status',
      }),
    ),
    facts(referral, options.receivedAt),
    patient ? patientDetails(patient) : null,
    closedSummary(referral),
    actions(referral, options),
  );
}

function facts(referral: ReferralView, receivedAt: number): HTMLElement {
  const unit = referral.unit;
  const eta =
    referral.etaMinutes !== null
      ? `about ${referral.etaMinutes} min (around ${formatTime(new Date(receivedAt + referral.etaMinutes * 60_000).toISOString())})`
      : null;
  return el(
    'dl',
    { className: 'facts' },
    ...field('Requested', formatTime(referral.requestedAt)),
    ...(unit
      ? field(
          'Crew',
          `${unit.callSign} · ${label(assignmentStatusLabels, unit.assignmentStatus)}`,
          'referral-crew',
        )
      : []),
    ...(eta ? field('Expected', eta, 'referral-eta') : []),
    ...(referral.acceptedAt ? field('Accepted', formatTime(referral.acceptedAt)) : []),
    ...(referral.arrivedAt
      ? field(
          'Arrived',
          `${formatTime(referral.arrivedAt)}${referral.handoverMinutes !== null ? ` · handover ${referral.handoverMinutes} min` : ''}`,
          'referral-arrived',
        )
      : []),
  );
}

function patientDetails(patient: NonNullable<ReferralView['patient']>): HTMLElement {
  const vitals = vitalFields
    .filter((v) => patient.vitals[v.name] !== undefined)
    .map((v) => `${v.label} ${patient.vitals[v.name]}`);
  return el(
    'div',
    { className: 'referral-patient' },
    el(
      'dl',
      { className: 'facts' },
      ...field('Acuity', label(acuityLabels, patient.acuity)),
      ...field('NEWS2', String(patient.news2)),
      ...(vitals.length ? field('Vitals', vitals.join(' · '), 'referral-vitals') : []),
      ...(patient.notes ? field('Notes', patient.notes, 'referral-notes') : []),
    ),
    patient.reasons.length
      ? el(
          'details',
          { className: 'referral-reasons' },
          el('summary', { text: 'Why this pathway' }),
          el('ul', {}, ...patient.reasons.map((r) => el('li', { text: r }))),
        )
      : null,
  );
}

function closedSummary(referral: ReferralView): HTMLElement | null {
  const line = (text: string) =>
    el('p', { className: 'referral-closed', text, testId: 'referral-closed' });
  switch (referral.status) {
    case 'rejected':
      return line(
        `Declined at ${formatTime(referral.rejectedAt)}: ${referral.rejectReason ? rejectReasonLabels[referral.rejectReason] : ''}${referral.rejectText ? ` — ${referral.rejectText}` : ''}`,
      );
    case 'completed':
      return line(
        `Completed at ${formatTime(referral.completedAt)}: ${referral.outcome ? referralOutcomeLabels[referral.outcome] : ''}`,
      );
    case 'cancelled':
      return line(
        `Cancelled by dispatch at ${formatTime(referral.cancelledAt)}${referral.cancelReason ? `: ${referral.cancelReason}` : ''}`,
      );
    default:
      return null;
  }
}
