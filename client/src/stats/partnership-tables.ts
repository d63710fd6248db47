// The receiving sites' figures as tables a lead can read: one line per site, the
// declines by reason and the outcomes site by site, and each site's handover beside
// the published ED offload times. Codes are shown as words; nothing a site typed.
import type {
  PartnershipFigures,
  SiteReferralFigures,
} from '../../../shared/partnership-figures.js';
import { el } from '../shared/dom.js';
import {
  referralOutcomeLabels,
  referralOutcomes,
  rejectReasonLabels,
  rejectReasons,
} from '../../../shared/referrals.js';
import { count, duration, rate } from './format.js';

const th = (text: string, scope: 'col' | 'row' = 'col') => el('th', { text, attrs: { scope } });
const td = (text: string) => el('td', { text });
const siteName = (s: SiteReferralFigures) => s.name ?? 'All sites';

/** A table wider than the panel scrolls: focusable and named so the keyboard can scroll it. */
export const scrolling = (label: string, table: HTMLTableElement) =>
  el(
    'div',
    { className: 'table-scroll', attrs: { tabindex: 0, role: 'region', 'aria-label': label } },
    table,
  );

export function siteTable(p: PartnershipFigures): HTMLTableElement {
  const line = (s: SiteReferralFigures, testId: string) =>
    el(
      'tr',
      { testId, dataset: { site: siteName(s) } },
      th(siteName(s), 'row'),
      td(count(s.requested)),
      td(count(s.accepted)),
      td(count(s.rejected)),
      el('td', { testId: 'acceptance-rate', text: rate(s.acceptanceRate) }),
      td(duration(s.requestToAcceptance.p50Sec)),
      td(duration(s.requestToAcceptance.p90Sec)),
      el('td', { testId: 'handover-mean', text: duration(s.handover.meanSec) }),
      td(duration(s.handover.p90Sec)),
      td(count(s.completed)),
    );
  return el(
    'table',
    { className: 'partner-table', testId: 'partnership-sites' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        th('Site'),
        th('Referrals'),
        th('Accepted'),
        th('Declined'),
        th('Acceptance rate'),
        th('Request to acceptance, median'),
        th('Request to acceptance, 90th percentile'),
        th('Handover, mean'),
        th('Handover, 90th percentile'),
        th('Completed'),
      ),
    ),
    el('tbody', {}, ...p.sites.map((s) => line(s, 'partner-site'))),
    el('tfoot', {}, line(p.total, 'partner-total')),
  );
}

/** Rows of named counts, one column per site and one for all sites. */
function crossTable(
  p: PartnershipFigures,
  testId: string,
  corner: string,
  rows: Array<[label: string, pick: (s: SiteReferralFigures) => number]>,
): HTMLTableElement {
  const columns = [...p.sites, p.total];
  return el(
    'table',
    { className: 'partner-table', testId },
    el('thead', {}, el('tr', {}, th(corner), ...columns.map((s) => th(siteName(s))))),
    el(
      'tbody',
      {},
      ...rows.map(([label, pick]) =>
        el('tr', {}, th(label, 'row'), ...columns.map((s) => td(count(pick(s))))),
      ),
    ),
  );
}

export const rejectionTable = (p: PartnershipFigures) =>
  crossTable(p, 'rejection-reasons', 'Declined because', [
    ...rejectReasons.map(
      (r) => [rejectReasonLabels[r], (s: SiteReferralFigures) => s.rejectionsByReason[r]] as const,
    ),
    ['Then proposed: another site', (s) => s.afterRejection.nextSite],
    ['Then proposed: a CP home visit', (s) => s.afterRejection.homeVisit],
    ['Then proposed: the emergency department', (s) => s.afterRejection.emergencyDepartment],
  ] as Array<[string, (s: SiteReferralFigures) => number]>);

export const outcomeTable = (p: PartnershipFigures) =>
  crossTable(
    p,
    'referral-outcomes',
    'Completed referrals',
    referralOutcomes.map((o) => [referralOutcomeLabels[o], (s) => s.outcomes[o]]),
  );

/** Each site's mean handover as a bar beside the published ED offload averages. */
export function handoverBars(p: PartnershipFigures): HTMLElement {
  const o = p.edOffload;
  const bars: Array<{ label: string; minutes: number | null; kind: 'site' | 'ed' }> = [
    ...p.sites.map((s) => ({
      label: siteName(s),
      minutes: s.handover.meanSec === null ? null : s.handover.meanSec / 60,
      kind: 'site' as const,
    })),
    { label: 'Ontario EDs, provincial average', minutes: o.ontarioAverageMin, kind: 'ed' },
    {
      label: 'University Hospital ED, London (up to about)',
      minutes: o.londonUniversityHospitalMin,
      kind: 'ed',
    },
  ];
  const longest = Math.max(...bars.map((b) => b.minutes ?? 0), 1);
  return el(
    'ul',
    { className: 'offload-bars', testId: 'handover-vs-offload' },
    ...bars.map((b) =>
      el(
        'li',
        { className: `offload-bar ${b.kind}` },
        el('span', { className: 'offload-label', text: b.label }),
        el(
          'span',
          { className: 'offload-track', attrs: { 'aria-hidden': 'true' } },
          fill(((b.minutes ?? 0) / longest) * 100),
        ),
        el('span', {
          className: 'offload-value',
          text: b.minutes === null ? 'no handovers' : duration(b.minutes * 60),
        }),
      ),
    ),
  );
}

/** Set through the CSSOM, which the content security policy allows (a style attribute it would not). */
function fill(percent: number): HTMLElement {
  const bar = el('span', { className: 'offload-fill' });
  bar.style.width = `${percent.toFixed(1)}%`;
  return bar;
}
