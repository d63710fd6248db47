import { outcomes, type Outcome } from '../../shared/call-lifecycle.js';
import type { Disposition } from '../../shared/call-schema.js';
import { dispositions } from '../../shared/call-schema.js';
import type { AttendanceAggregateRow, CallAggregateRow } from './stats-repository.js';

// Pure arithmetic over the repository's aggregate rows: the same code turns one
// bucket into the summary and many into the time series.

export interface Figures {
  calls: number;
  attendances: number;
  diverted: number;
  /** diverted / attendances; null when there were no attendances. */
  diversionRate: number | null;
  edTransportsAvoided: number;
  costAvoided: { amount: number; currency: string };
  /** Attendances by the pathway served at dispatch. */
  byDisposition: Record<Disposition, number>;
  byOutcome: Record<Outcome, number>;
  dispatches: number;
  overrides: number;
  overrideRate: number | null;
  recontact72h: { diverted: number; withoutKey: number; recontacted: number; rate: number | null };
  missedOpportunities: number;
  processing: {
    dispatched: number;
    p50Sec: number | null;
    p90Sec: number | null;
    within60sRate: number | null;
    dispatchToOnSceneP50Sec: number | null;
    onSceneToCompletedP50Sec: number | null;
  };
}

export interface CostSetting {
  perDiversion: number;
  currency: string;
}

type Histogram = Map<number, number>;

/**
 * Nearest-rank percentile: the smallest value v such that at least p of the
 * values are at or below v. Always a value that occurred; null for no values.
 */
export function percentile(histogram: Histogram, p: number): number | null {
  const total = [...histogram.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const value of [...histogram.keys()].sort((a, b) => a - b)) {
    seen += histogram.get(value) ?? 0;
    if (seen >= rank) return value;
  }
  return null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const add = (h: Histogram, bin: number | null, n: number) => {
  if (bin !== null && n > 0) h.set(bin, (h.get(bin) ?? 0) + n);
};
const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

export interface BucketAggregates {
  calls: CallAggregateRow[];
  attendances: AttendanceAggregateRow[];
}

export function figuresFrom(
  rows: BucketAggregates,
  cost: CostSetting,
): Figures & { processingHistogram: Histogram } {
  const processing: Histogram = new Map();
  const scene: Histogram = new Map();
  const work: Histogram = new Map();
  let calls = 0;
  let within60 = 0;
  for (const row of rows.calls) {
    calls += row.calls;
    within60 += row.within60;
    add(processing, row.bin, row.calls);
  }
  const byDisposition = zeros(dispositions);
  const byOutcome = zeros(outcomes);
  const totals = {
    attendances: 0,
    dispatches: 0,
    overrides: 0,
    linkable: 0,
    recontacted: 0,
    missed: 0,
  };
  for (const row of rows.attendances) {
    if (row.kind === 'scene') add(scene, row.bin, row.attendances);
    if (row.kind === 'work') add(work, row.bin, row.attendances);
    if (row.kind !== 'outcome') continue;
    totals.attendances += row.attendances;
    totals.dispatches += row.dispatches;
    totals.overrides += row.overrides;
    totals.linkable += row.linkable;
    totals.recontacted += row.recontacted;
    totals.missed += row.missed;
    if (row.disposition && row.attendances) byDisposition[row.disposition] += row.attendances;
    if (row.outcome && row.attendances) byOutcome[row.outcome] += row.attendances;
  }
  const diverted = totals.attendances - byOutcome.transported_ed;
  const dispatched = [...processing.values()].reduce((a, b) => a + b, 0);
  return {
    calls,
    attendances: totals.attendances,
    diverted,
    diversionRate: ratio(diverted, totals.attendances),
    edTransportsAvoided: diverted,
    costAvoided: {
      amount: Math.round(diverted * cost.perDiversion * 100) / 100,
      currency: cost.currency,
    },
    byDisposition,
    byOutcome,
    dispatches: totals.dispatches,
    overrides: totals.overrides,
    overrideRate: ratio(totals.overrides, totals.dispatches),
    recontact72h: {
      diverted,
      withoutKey: diverted - totals.linkable,
      recontacted: totals.recontacted,
      rate: ratio(totals.recontacted, totals.linkable),
    },
    missedOpportunities: totals.missed,
    processing: {
      dispatched,
      p50Sec: percentile(processing, 0.5),
      p90Sec: percentile(processing, 0.9),
      within60sRate: ratio(within60, dispatched),
      dispatchToOnSceneP50Sec: percentile(scene, 0.5),
      onSceneToCompletedP50Sec: percentile(work, 0.5),
    },
    processingHistogram: processing,
  };
}

/** The processing-time distribution for the dashboard: 10 s bins to 3 minutes, then one open bin. */
export function processingBins(
  histogram: Histogram,
): Array<{ fromSec: number; toSec: number | null; calls: number }> {
  const bins = Array.from({ length: 18 }, (_, i) => ({
    fromSec: i * 10,
    toSec: ((i + 1) * 10) as number | null,
    calls: 0,
  }));
  const open = { fromSec: 180, toSec: null as number | null, calls: 0 };
  for (const [seconds, n] of histogram) {
    const bin = bins[Math.floor(seconds / 10)] ?? open;
    bin.calls += n;
  }
  return [...bins, open];
}
