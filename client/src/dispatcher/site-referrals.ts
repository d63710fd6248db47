// What the receiving sites said about the calls on the board: the latest
// referral of each (requested, accepted, arrived, or declined with the site's
// reason and what altpath proposes instead), live from `referral:updated`.
import { api } from '../api.js';
import type { ReferralView } from '../shared/contract.js';
import { el, replaceChildren } from '../shared/dom.js';
import { complaintLabels, dispositionLabels, formatTime, label } from '../shared/labels.js';
import type { LiveBoard } from '../shared/live-board.js';
import type { LiveConnection } from '../shared/realtime.js';
import {
  referralOutcomeLabels,
  referralStatusLabels,
  rejectReasonLabels,
} from '../../../shared/referrals.js';

export interface SiteReferrals {
  reload(): Promise<void>;
}

export function createSiteReferrals(
  root: HTMLElement,
  count: HTMLElement,
  board: LiveBoard,
  live: LiveConnection,
): SiteReferrals {
  /** The latest referral of each call. */
  const byCall = new Map<string, ReferralView>();

  const keep = (referral: ReferralView) => {
    const known = byCall.get(referral.callId);
    if (known && known.id !== referral.id && known.requestedAt > referral.requestedAt) return;
    byCall.set(referral.callId, referral);
  };

  const render = () => {
    const shown = [...byCall.values()]
      .filter((r) => board.calls.has(r.callId))
      .sort((a, b) => b.requestedAt.localeCompare(a.requestedAt));
    count.textContent = String(shown.length);
    replaceChildren(
      root,
      shown.length
        ? el('ul', { className: 'site-referrals' }, ...shown.map(row))
        : el('p', { className: 'muted', text: 'No call is waiting on a receiving site.' }),
    );
  };

  const row = (referral: ReferralView) => {
    const call = board.calls.get(referral.callId);
    const who = call ? `${label(complaintLabels, call.complaint)}, ${call.patient.age}` : '';
    return el(
      'li',
      {
        className: `site-referral referral-${referral.status}`,
        testId: `site-referral-${referral.callId}`,
        dataset: { status: referral.status },
      },
      el('strong', { text: referral.site.name }),
      ` · ${who} · `,
      el('span', {
        className: `referral-status status-${referral.status}`,
        text: referralStatusLabels[referral.status],
        testId: 'site-referral-status',
      }),
      el('small', { className: 'muted', text: ` ${detail(referral)}` }),
      referral.status === 'rejected' && referral.proposal
        ? el('p', {
            className: 'proposal',
            testId: 'site-referral-proposal',
            text: `Proposed instead: ${referral.proposal.destination?.name ?? label(dispositionLabels, referral.proposal.disposition)} — ${referral.proposal.reason}`,
          })
        : null,
    );
  };

  live.on('referral:updated', (referral) => {
    keep(referral);
    render();
  });
  board.onCall(render);
  board.onSnapshot(render);

  return {
    async reload() {
      const referrals = await api<ReferralView[]>('GET', '/api/referrals?limit=100');
      byCall.clear();
      for (const referral of [...referrals].reverse()) keep(referral);
      render();
    },
  };
}

function detail(referral: ReferralView): string {
  switch (referral.status) {
    case 'requested':
      return `since ${formatTime(referral.requestedAt)}`;
    case 'accepted':
      return `at ${formatTime(referral.acceptedAt)}${referral.etaMinutes !== null ? ` · crew due in about ${referral.etaMinutes} min` : ''}`;
    case 'in-progress':
      return `arrived ${formatTime(referral.arrivedAt)}${referral.handoverMinutes !== null ? ` · handover ${referral.handoverMinutes} min` : ''}`;
    case 'rejected':
      return `${referral.rejectReason ? rejectReasonLabels[referral.rejectReason] : ''}${referral.rejectText ? ` — ${referral.rejectText}` : ''}`;
    case 'completed':
      return `${referral.outcome ? referralOutcomeLabels[referral.outcome] : ''} at ${formatTime(referral.completedAt)}`;
    case 'cancelled':
      return referral.cancelReason ?? '';
  }
}
