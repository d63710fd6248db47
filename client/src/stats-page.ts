// The service lead's statistics dashboard: figure tiles, diversion over time,
// attendances by pathway and outcome, call processing against the 60 s line, the
// safety panel and a CSV export, for a chosen period and pathway.
import { api, type Me } from './api.js';
import type { ClientConfig } from './shared/contract.js';
import { debounce, el, errorText, must, replaceChildren } from './shared/dom.js';
import { dispositionLabels, outcomeLabels } from './shared/labels.js';
import { addPasswordButton } from './shared/password-dialog.js';
import { signOut, requireUser } from './shared/session.js';
import { dispositionConfig, diversionConfig, outcomeConfig } from './stats/attendance-charts.js';
import { ChartSlot } from './stats/chart-slot.js';
import { PROCESSING_TARGET_SEC, processingConfig } from './stats/processing-chart.js';
import { bindFilterForm, defaultFilters, filtersFromUrl, filtersToUrl } from './stats/filters.js';
import { count, duration, localDate, money, rate, todayIn } from './stats/format.js';
import { createSafetyPanel } from './stats/safety-panel.js';
import {
  exportUrl,
  fetchSummary,
  fetchTimeseries,
  type StatsFilters,
  type Summary,
  type Timeseries,
} from './stats/stats-api.js';
import { renderTiles } from './stats/tiles.js';
import { createCarePlanPanel } from './stats/care-plan-panel.js';
import { createPartnershipPanel } from './stats/partnership-panel.js';
import { runInBackground } from './shared/background.js';

const user = await requireUser(['lead', 'admin']);
setUpHeader(user);

const main = must<HTMLElement>('#stats');
const status = must<HTMLElement>('#stats-status');
const csv = must<HTMLAnchorElement>('#csv');
const form = bindFilterForm(must<HTMLFormElement>('#filters'));
const charts = {
  diversion: new ChartSlot(must('#chart-diversion')),
  pathway: new ChartSlot(must('#chart-pathway')),
  outcome: new ChartSlot(must('#chart-outcome')),
  processing: new ChartSlot(must('#chart-processing')),
};
const safety = createSafetyPanel(must('#recontacts'), must('#missed'));
const carePlans = createCarePlanPanel(must('#care-outcomes'), must<HTMLAnchorElement>('#care-csv'));
const partnership = createPartnershipPanel(
  must('#partnership'),
  must<HTMLAnchorElement>('#referrals-csv'),
);

// "Today" is the service's today: the API reads dates as whole days in its time zone.
const clientConfig = await api<ClientConfig>('GET', '/api/client-config').catch(() => undefined);
const serviceZone =
  clientConfig?.serviceArea.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
// The default period covers the data: it ends on the last day with calls (today at the
// latest) and starts a year before, or on the first day with calls when that is later.
const extent = await api<{ first: string | null; last: string | null }>(
  'GET',
  '/api/stats/extent',
).catch(() => ({ first: null, last: null }));
const defaults = defaultFilters(todayIn(serviceZone), extent);
let current = filtersFromUrl(window.location.search, defaults);
form.write(current);

let seq = 0;
async function load(filters: StatsFilters): Promise<void> {
  const mine = ++seq;
  current = filters;
  window.history.replaceState(null, '', filtersToUrl(filters));
  csv.href = exportUrl(filters);
  runInBackground(carePlans.load(filters));
  runInBackground(partnership.load(filters));
  main.dataset.state = main.dataset.state === 'loading' ? 'loading' : 'refreshing';
  main.setAttribute('aria-busy', 'true');
  replaceChildren(status, 'Loading…');
  // The time series may fail alone (too many day buckets for the range): the rest still shows.
  const [summary, series] = await Promise.allSettled([
    fetchSummary(filters),
    fetchTimeseries(filters),
  ]);
  if (mine !== seq) return;
  main.removeAttribute('aria-busy');
  if (summary.status === 'rejected') {
    main.dataset.state = 'error';
    replaceChildren(
      status,
      el('span', {
        className: 'error',
        text: `Could not load the statistics: ${errorText(summary.reason)}`,
      }),
      ' ',
      retryButton(),
    );
    return;
  }
  render(filters, summary.value, series);
}

function render(filters: StatsFilters, s: Summary, series: PromiseSettledResult<Timeseries>): void {
  must('#range').textContent = [
    `${localDate(filters.from)} – ${localDate(filters.to)}`,
    filters.pathway ? `recommended ${dispositionLabels[filters.pathway]}` : 'all pathways',
    `times in ${s.timeZone}`,
  ].join(' · ');
  must('#time-zone').textContent = s.timeZone;
  must('#cost-setting').textContent = costSetting(s);
  must('#cost-source').textContent = clientConfig?.cost.source ?? 'not configured';
  renderTiles(must('#tiles'), s);
  safety.update(filters, s);

  if (s.attendances === 0) {
    main.dataset.state = 'empty';
    replaceChildren(
      status,
      s.calls === 0
        ? 'No calls in this period.'
        : `No CP attendances in this period (${count(s.calls)} calls, none completed by a community paramedic).`,
    );
    for (const chart of Object.values(charts)) chart.clear();
    return;
  }
  main.dataset.state = 'ready';
  replaceChildren(status);

  if (series.status === 'fulfilled') {
    const points = series.value.series;
    charts.diversion.render(
      diversionConfig(points, series.value.bucket),
      `Diversion rate by ${series.value.bucket} over ${points.length} ${series.value.bucket}s; ` +
        `overall ${rate(s.diversionRate)} of ${count(s.attendances)} CP attendances.`,
    );
    must('#diversion-note').textContent =
      `By ${series.value.bucket}: the line is the share diverted, the bars the CP attendances it is a share of.`;
  } else {
    charts.diversion.clear();
    must('#diversion-note').textContent =
      `Could not load the time series: ${errorText(series.reason)}`;
  }
  charts.pathway.render(
    dispositionConfig(s.byDisposition),
    Object.entries(s.byDisposition)
      .map(([k, n]) => `${dispositionLabels[k as keyof typeof dispositionLabels]}: ${count(n)}`)
      .join(', '),
  );
  charts.outcome.render(
    outcomeConfig(s.byOutcome),
    Object.entries(s.byOutcome)
      .map(([k, n]) => `${outcomeLabels[k as keyof typeof outcomeLabels]}: ${count(n)}`)
      .join(', '),
  );
  const p = s.processing;
  charts.processing.render(
    processingConfig(s.processingHistogram),
    `Call processing time of ${count(p.dispatched)} dispatched calls in 10 s bins: ` +
      `${rate(p.within60sRate)} within ${PROCESSING_TARGET_SEC} s, p50 ${duration(p.p50Sec)}, p90 ${duration(p.p90Sec)}.`,
  );
  must('#processing-note').textContent =
    `${count(p.dispatched)} dispatched calls in 10 s bins; green within 60 s. ` +
    `${rate(p.within60sRate)} within 60 s (NFPA 1225 target: 90%), p50 ${duration(p.p50Sec)}, p90 ${duration(p.p90Sec)}.`;
}

/** The saving this service counts per ED transport avoided, in its own currency. */
function costSetting(s: Summary): string {
  const cost = clientConfig?.cost;
  const currency = cost?.currency ?? s.costAvoided.currency;
  if (!cost) return `Counted in ${currency}.`;
  return `This service counts ${money(cost.perDiversion, currency)} per ED transport avoided: the ED visit only, since a community paramedic attends either way, so the estimate does not overstate the saving.`;
}

function retryButton(): HTMLButtonElement {
  const button = el('button', {
    className: 'secondary small',
    text: 'Try again',
    attrs: { type: 'button' },
  });
  button.addEventListener('click', () => runInBackground(load(current)));
  return button;
}

function apply(): void {
  const read = form.read();
  if ('error' in read) {
    replaceChildren(status, el('span', { className: 'error', text: read.error }));
    return;
  }
  runInBackground(load(read));
}

const applySoon = debounce(apply, 400);
must<HTMLFormElement>('#filters').addEventListener('submit', (event) => {
  event.preventDefault();
  apply();
});
must<HTMLFormElement>('#filters').addEventListener('change', applySoon);

function setUpHeader(me: Me): void {
  must<HTMLElement>('#who').textContent =
    `${me.email} · ${me.role === 'admin' ? 'Admin' : 'Service lead'}`;
  const signOutButton = must<HTMLButtonElement>('#sign-out');
  signOutButton.addEventListener('click', () => runInBackground(signOut()));
  addPasswordButton(signOutButton);
}

await load(current);
