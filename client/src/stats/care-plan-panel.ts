// Frequent callers' calls in the 90 days before and after their care plan: a
// panel on the lead's dashboard, and its CSV (one line per plan, pseudonyms only).
import { api } from '../api.js';
import type { CarePlanOutcomes } from '../../../shared/proactive.js';
import { el, errorText, field, replaceChildren } from '../shared/dom.js';
import { count } from './format.js';
import type { StatsFilters } from './stats-api.js';

/** The filters' local dates: the route reads them as whole days in the service's time zone. */
const query = (f: StatsFilters) => new URLSearchParams({ from: f.from, to: f.to }).toString();

export function createCarePlanPanel(root: HTMLElement, csvLink: HTMLAnchorElement) {
  let seq = 0;
  return {
    async load(filters: StatsFilters): Promise<void> {
      const mine = ++seq;
      csvLink.href = `/api/stats/care-plans.csv?${query(filters)}`;
      try {
        const o = await api<CarePlanOutcomes>('GET', `/api/stats/care-plans?${query(filters)}`);
        if (mine === seq) replaceChildren(root, ...content(o));
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

function content(o: CarePlanOutcomes): Node[] {
  const f = o.frequentCallers;
  const change =
    f.callsChangePercent === null
      ? '—'
      : `${f.callsChangePercent > 0 ? '+' : ''}${f.callsChangePercent}%`;
  return [
    el(
      'p',
      { className: 'muted' },
      `${count(o.plans)} care plans first written in the period; ${count(f.patients)} for patients who were frequent callers then and whose ${o.windowDays} days after have passed` +
        (o.tooRecent ? ` (${count(o.tooRecent)} too recent to compare).` : '.'),
    ),
    el(
      'table',
      { className: 'care-outcomes', testId: 'care-plan-outcomes' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          el('th', { text: 'Frequent callers', attrs: { scope: 'col' } }),
          el('th', { text: `${o.windowDays} days before`, attrs: { scope: 'col' } }),
          el('th', { text: `${o.windowDays} days after`, attrs: { scope: 'col' } }),
        ),
      ),
      el(
        'tbody',
        {},
        row('Calls', f.callsBefore, f.callsAfter, 'care-calls'),
        row('Served by the ED', f.edBefore, f.edAfter),
        row('Lift assists', f.liftAssistsBefore, f.liftAssistsAfter),
      ),
    ),
    el('dl', { className: 'facts' }, ...field('Change in calls', change, 'care-calls-change')),
  ];
}

function row(what: string, before: number, after: number, testId?: string): HTMLElement {
  return el(
    'tr',
    testId ? { testId } : {},
    el('th', { text: what, attrs: { scope: 'row' } }),
    el('td', { text: count(before) }),
    el('td', { text: count(after) }),
  );
}
