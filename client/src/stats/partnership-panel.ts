// The receiving sites on the lead's dashboard: acceptance and declines by site, time
// to acceptance, handover against the published ED offload times, outcomes, and the
// CSV of the same figures. Loaded with the filters, as the other panels are.
import { api } from '../api.js';
import type { PartnershipFigures } from '../../../shared/partnership-figures.js';
import { el, errorText, replaceChildren } from '../shared/dom.js';
import { count, duration, rate } from './format.js';
import {
  handoverBars,
  outcomeTable,
  rejectionTable,
  scrolling,
  siteTable,
} from './partnership-tables.js';
import { rangeQuery, type StatsFilters } from './stats-api.js';

export function createPartnershipPanel(root: HTMLElement, csvLink: HTMLAnchorElement) {
  let seq = 0;
  return {
    async load(filters: StatsFilters): Promise<void> {
      const mine = ++seq;
      csvLink.href = `/api/stats/referrals.csv?${rangeQuery(filters)}`;
      try {
        const p = await api<PartnershipFigures>(
          'GET',
          `/api/stats/referrals?${rangeQuery(filters)}`,
        );
        if (mine === seq) replaceChildren(root, ...content(p));
      } catch (err) {
        if (mine === seq)
          replaceChildren(
            root,
            el('p', { className: 'error', text: `Could not load: ${errorText(err)}` }),
          );
      }
    },
  };
}

function content(p: PartnershipFigures): Node[] {
  const t = p.total;
  if (t.requested === 0)
    return [
      el('p', { className: 'muted', text: 'No referrals to a receiving site in this period.' }),
    ];
  const o = p.edOffload;
  return [
    el(
      'p',
      { className: 'muted', testId: 'partnership-summary' },
      `${count(t.requested)} referrals to ${count(p.sites.length)} sites: ${rate(t.acceptanceRate)} of those answered were accepted, ` +
        `a median ${duration(t.requestToAcceptance.p50Sec)} after the request; ${count(t.completed)} completed. ` +
        `Declines are shown by the reason the site chose: what its staff typed stays with dispatch.`,
    ),
    scrolling('Referrals by receiving site, one row each', siteTable(p)),
    el('h3', { text: 'Handover at the site against ED offload' }),
    el(
      'p',
      { className: 'muted' },
      `Arrival with the patient to the site taking over care (mean), measured as ED offload is: ` +
        `the Ontario average was ${o.ontarioAverageMin} minutes in July 2023, and almost an hour and a half at London's University Hospital; ${o.bestPracticeMin} minutes is best practice.`,
    ),
    handoverBars(p),
    el(
      'p',
      { className: 'source', testId: 'offload-source' },
      'Source: ',
      el('a', { text: o.source, attrs: { href: o.url, rel: 'noopener noreferrer' } }),
      '.',
    ),
    el('h3', { text: 'Declines by reason' }),
    scrolling('Declines by reason, per site', rejectionTable(p)),
    el('h3', { text: 'Outcomes of completed referrals' }),
    scrolling('Outcomes of completed referrals, per site', outcomeTable(p)),
  ];
}
