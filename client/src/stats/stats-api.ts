// The statistics API as the dashboard reads it. The response types are those of the
// schemas the server's answers are checked against (shared/stats.ts; types only,
// erased by esbuild).
import { api } from '../api.js';
import type {
  MissedOpportunities,
  Recontacts,
  StatsSummary as Summary,
  StatsTimeseries as Timeseries,
} from '../../../shared/stats.js';
import type { Disposition } from '../shared/contract.js';

export type { MissedOpportunities, Recontacts, Summary, Timeseries };
export type TimeseriesPoint = Timeseries['series'][number];
export type RecontactCall = Recontacts['calls'][number];
export type MissedCall = MissedOpportunities['calls'][number];
export type HistogramBin = Summary['processingHistogram'][number];

export const buckets = ['day', 'week', 'month'] as const;
export type Bucket = (typeof buckets)[number];

/** What the filters ask for: local dates (whole days, in the service time zone). */
export interface StatsFilters {
  from: string;
  to: string;
  pathway: Disposition | '';
  bucket: Bucket;
}

/** The rows each safety list fetches at most; the panel says when there are more. */
export const LIST_LIMIT = 200;

/** The query string of the range and pathway, shared by every stats route and the CSV link. */
export function rangeQuery(f: StatsFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({ from: f.from, to: f.to });
  if (f.pathway) params.set('pathway', f.pathway);
  for (const [name, value] of Object.entries(extra)) params.set(name, value);
  return params.toString();
}

export const fetchSummary = (f: StatsFilters) =>
  api<Summary>('GET', `/api/stats/summary?${rangeQuery(f)}`);

export const fetchTimeseries = (f: StatsFilters) =>
  api<Timeseries>('GET', `/api/stats/timeseries?${rangeQuery(f, { bucket: f.bucket })}`);

export const fetchRecontacts = (f: StatsFilters) =>
  api<Recontacts>('GET', `/api/stats/recontacts?${rangeQuery(f, { limit: String(LIST_LIMIT) })}`);

export const fetchMissed = (f: StatsFilters) =>
  api<MissedOpportunities>(
    'GET',
    `/api/stats/missed-opportunities?${rangeQuery(f, { limit: String(LIST_LIMIT) })}`,
  );

export const exportUrl = (f: StatsFilters) => `/api/stats/export.csv?${rangeQuery(f)}`;
