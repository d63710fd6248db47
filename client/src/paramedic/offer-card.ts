// The paramedic's current assignment: patient summary, pathway and destination, the
// caller's answers, the way there, and whether this patient called before.
// Notes and addresses are the call-taker's words, shown as text.
import type { AnswerName, CallView, OfferView, Sex } from '../shared/contract.js';
import { destinationSummary } from '../shared/destination-summary.js';
import { el, field } from '../shared/dom.js';
import {
  acuityLabels,
  answerLabels,
  assignmentStatusLabels,
  complaintLabels,
  dispositionLabels,
  formatTime,
  label,
  sexLabels,
} from '../shared/labels.js';

/**
 * The way there as a `geo:` URI: the phone's own maps app, the one the service set up on its
 * crew phones. No link to a map website: opening openstreetmap.org (or any other) with the
 * patient's coordinates in the address would hand where a patient is, and from which phone,
 * to a third party's servers and logs; the address stays on screen, as text, for any other app.
 */
export function navigationLink(call: CallView): string {
  const lat = call.location.lat.toFixed(6);
  const lng = call.location.lng.toFixed(6);
  const label = call.location.address ? `(${encodeURIComponent(call.location.address)})` : '';
  return `geo:${lat},${lng}?q=${lat},${lng}${label}`;
}

/** The call-taker's answers (and the crew's changes), yes first; absent ones were not known. */
function answerList(call: CallView): HTMLElement {
  const known = (Object.entries(call.answers) as Array<[AnswerName, boolean | undefined]>).filter(
    (entry): entry is [AnswerName, boolean] => typeof entry[1] === 'boolean',
  );
  if (known.length === 0)
    return el('p', { className: 'muted', text: 'No answers recorded.', testId: 'offer-answers' });
  known.sort(([, a], [, b]) => Number(b) - Number(a));
  return el(
    'ul',
    { className: 'answer-list', testId: 'offer-answers' },
    ...known.map(([name, value]) =>
      el(
        'li',
        { dataset: { answer: name, value: String(value) } },
        el('span', {
          className: `answer-value answer-${value ? 'yes' : 'no'}`,
          text: value ? 'Yes' : 'No',
        }),
        ` ${label(answerLabels, name)}`,
      ),
    ),
  );
}

function repeatCallerFlag(call: CallView): HTMLElement | null {
  if (call.repeatCalls < 1) return null;
  return el('p', {
    className: 'flag repeat-caller',
    testId: 'repeat-caller',
    dataset: { count: String(call.repeatCalls) },
    text: `Repeat caller: ${call.repeatCalls} other call${call.repeatCalls === 1 ? '' : 's'} for this patient in the last 30 days`,
  });
}

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
    repeatCallerFlag(call),
    el('h2', {
      text: `${label(complaintLabels, call.complaint)} · ${call.patient.age}, ${label(sexLabels, call.patient.sex as Sex)}`,
    }),
    el(
      'dl',
      { className: 'facts' },
      ...field('Address', where, 'offer-address'),
      ...field('Navigate', navigation(call)),
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
    el('h3', { className: 'answers-title', text: 'Caller’s answers' }),
    answerList(call),
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

function navigation(call: CallView): HTMLElement {
  return el(
    'span',
    { className: 'nav-links' },
    el('a', {
      className: 'button-link',
      text: 'Open in maps app',
      testId: 'nav-geo',
      attrs: { href: navigationLink(call) },
    }),
  );
}
