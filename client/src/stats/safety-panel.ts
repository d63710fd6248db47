// The safety panel: 72 h re-contacts and missed opportunities, each a <details>
// that fetches its de-identified calls when opened (and again when the filters
// change while it is open). The API already de-identifies: a hashed patient
// reference, a position rounded to ~1 km, no name, address or notes. Everything
// is set as text.
import { errorText, el, replaceChildren } from '../shared/dom.js';
import type { Complaint, Disposition, Outcome, Sex } from '../shared/contract.js';
import {
  complaintLabels,
  dispositionLabels,
  label,
  outcomeLabels,
  sexLabels,
} from '../shared/labels.js';
import { count, dateTime, rate } from './format.js';
import {
  fetchMissed,
  fetchRecontacts,
  type MissedCall,
  type RecontactCall,
  type StatsFilters,
  type Summary,
} from './stats-api.js';
import { runInBackground } from '../shared/background.js';

interface CallBase {
  receivedAt: string;
  complaint: string;
  patient: { age: number; sex: string; ref: string | null };
  location: { lat: number; lng: number } | null;
  recommendedPathway: string;
  servedPathway: string;
  outcome: string;
}

interface Column<T> {
  title: string;
  cell: (row: T, timeZone: string) => string;
  className?: string;
}

const pathway = (value: string) => label(dispositionLabels, value as Disposition);

const baseColumns: Array<Column<CallBase>> = [
  { title: 'Received', cell: (c, tz) => dateTime(c.receivedAt, tz), className: 'when' },
  { title: 'Complaint', cell: (c) => label(complaintLabels, c.complaint as Complaint) },
  {
    title: 'Patient',
    cell: (c) => `${c.patient.age} · ${label(sexLabels, c.patient.sex as Sex)}`,
  },
  { title: 'Patient ref', cell: (c) => c.patient.ref ?? 'no key', className: 'ref' },
  {
    title: 'Location (~1 km)',
    cell: (c) => (c.location ? `${c.location.lat.toFixed(2)}, ${c.location.lng.toFixed(2)}` : '—'),
    className: 'num',
  },
  {
    title: 'Recommended → served',
    cell: (c) =>
      c.recommendedPathway === c.servedPathway
        ? pathway(c.servedPathway)
        : `${pathway(c.recommendedPathway)} → ${pathway(c.servedPathway)}`,
  },
  { title: 'Outcome', cell: (c) => label(outcomeLabels, c.outcome as Outcome) },
];

const recontactColumns: Array<Column<RecontactCall>> = [
  ...baseColumns,
  {
    title: 'Called again',
    cell: (c, tz) =>
      `after ${c.hoursToRecontact} h (${dateTime(c.recontactAt, tz)})` +
      (c.recontactRecommendedPathway ? `: triaged ${pathway(c.recontactRecommendedPathway)}` : ''),
  },
];

const missedKinds: Record<MissedCall['kind'], string> = {
  override: 'Override',
  escalation: 'On-scene escalation',
  site_declined: 'Site declined',
  no_site: 'No site',
  paramedic: 'Paramedic judgement',
};

const missedColumns: Array<Column<MissedCall>> = [
  ...baseColumns.filter((c) => c.title !== 'Outcome'),
  { title: 'Why', cell: (c) => missedKinds[c.kind] ?? c.kind, className: 'kind' },
  { title: 'Reason', cell: (c) => c.reason, className: 'reason' },
];

interface ListSpec<T> {
  root: HTMLDetailsElement;
  noun: string;
  columns: Array<Column<T>>;
  fetch: (f: StatsFilters) => Promise<{ total: number; calls: T[] }>;
  headline: (s: Summary) => string;
  /** Whether the period has any: the count is then highlighted. */
  any: (s: Summary) => boolean;
}

class SafetyList<T> {
  private readonly count: HTMLElement;
  private readonly body: HTMLElement;
  private filters: StatsFilters | undefined;
  private timeZone = 'UTC';
  private loadedFor: StatsFilters | undefined;
  private seq = 0;

  constructor(private readonly spec: ListSpec<T>) {
    this.count = spec.root.querySelector<HTMLElement>('.safety-count')!;
    this.body = spec.root.querySelector<HTMLElement>('.safety-body')!;
    spec.root.addEventListener('toggle', () => runInBackground(this.loadIfOpen()));
  }

  update(filters: StatsFilters, summary: Summary): void {
    this.filters = filters;
    this.timeZone = summary.timeZone;
    this.count.textContent = this.spec.headline(summary);
    this.count.dataset.any = String(this.spec.any(summary));
    this.loadedFor = undefined;
    replaceChildren(this.body);
    runInBackground(this.loadIfOpen());
  }

  private async loadIfOpen(): Promise<void> {
    const filters = this.filters;
    if (!this.spec.root.open || !filters || this.loadedFor === filters) return;
    this.loadedFor = filters;
    const seq = ++this.seq;
    this.spec.root.dataset.state = 'loading';
    replaceChildren(this.body, el('p', { className: 'muted', text: 'Loading…' }));
    try {
      const { total, calls } = await this.spec.fetch(filters);
      if (seq !== this.seq) return;
      replaceChildren(this.body, ...this.table(total, calls));
      this.spec.root.dataset.state = 'ready';
    } catch (err) {
      if (seq !== this.seq) return;
      this.loadedFor = undefined; // opening it again retries
      replaceChildren(
        this.body,
        el('p', {
          className: 'error',
          text: `Could not load the ${this.spec.noun}: ${errorText(err)}`,
        }),
      );
      this.spec.root.dataset.state = 'error';
    }
  }

  private table(total: number, calls: T[]): Node[] {
    if (calls.length === 0)
      return [el('p', { className: 'muted', text: `No ${this.spec.noun} in this period.` })];
    const { columns } = this.spec;
    const table = el(
      'table',
      { className: 'safety-table' },
      el(
        'thead',
        {},
        el('tr', {}, ...columns.map((c) => el('th', { text: c.title, attrs: { scope: 'col' } }))),
      ),
      el(
        'tbody',
        {},
        ...calls.map((call) =>
          el(
            'tr',
            { testId: 'safety-row' },
            ...columns.map((c) =>
              el('td', { className: c.className, text: c.cell(call, this.timeZone) }),
            ),
          ),
        ),
      ),
    );
    const nodes: Node[] = [];
    if (total > calls.length) {
      nodes.push(
        el('p', {
          className: 'muted',
          text: `The ${count(calls.length)} most recent of ${count(total)}; the CSV export has them all.`,
        }),
      );
    }
    // A table wider than the panel scrolls: focusable and named so the keyboard can scroll it.
    nodes.push(
      el(
        'div',
        {
          className: 'table-scroll',
          attrs: {
            tabindex: 0,
            role: 'region',
            'aria-label': `The ${this.spec.noun}, one row each`,
          },
        },
        table,
      ),
    );
    return nodes;
  }
}

export interface SafetyPanel {
  update(filters: StatsFilters, summary: Summary): void;
}

export function createSafetyPanel(
  recontacts: HTMLDetailsElement,
  missed: HTMLDetailsElement,
): SafetyPanel {
  const lists = [
    new SafetyList<RecontactCall>({
      root: recontacts,
      noun: 're-contacts',
      columns: recontactColumns,
      fetch: fetchRecontacts,
      headline: (s) => {
        const r = s.recontact72h;
        return `${count(r.recontacted)} of ${count(r.diverted - r.withoutKey)} (${rate(r.rate)})`;
      },
      any: (s) => s.recontact72h.recontacted > 0,
    }),
    new SafetyList<MissedCall>({
      root: missed,
      noun: 'missed opportunities',
      columns: missedColumns,
      fetch: fetchMissed,
      headline: (s) => count(s.missedOpportunities),
      any: (s) => s.missedOpportunities > 0,
    }),
  ];
  return {
    update(filters, summary) {
      for (const list of lists) list.update(filters, summary);
    },
  };
}
