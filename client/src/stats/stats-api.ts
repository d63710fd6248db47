// The statistics API as the dashboard reads it. The response types come from the
// server's service (types only, erased by esbuild): its answers carry no Date
// objects, so the JSON on the wire has exactly these shapes.
import { api } from '../api.js';
import type { StatsService } from '../../../server/stats/stats-service.js';
import type { Disposition } from '../shared/contract.js';

export type Summary = Awaited<ReturnType<StatsService['summary']>>;
export type Timeseries = Awaited<ReturnType<StatsService['timeseries']>>;
export type TimeseriesPoint = Timeseries['series'][number];
export type Recontacts = Awaited<ReturnType<StatsService['recontacts']>>;
export type RecontactCall = Recontacts['calls'][number];
export type MissedOpportunities = Awaited<ReturnType<StatsService['missedOpportunities']>>;
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
