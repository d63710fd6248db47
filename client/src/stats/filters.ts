// The filter form: from/to (local dates, whole days), recommended pathway and the
// time-series bucket. The choice is kept in the address (?from=…&to=…), so a view
// can be bookmarked or shared and survives a reload.
import type { Disposition } from '../shared/contract.js';
import { dispositionLabels } from '../shared/labels.js';
import { el } from '../shared/dom.js';
import { monthsBefore, nextDay } from './format.js';
import { buckets, type Bucket, type StatsFilters } from './stats-api.js';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const pathways = Object.keys(dispositionLabels) as Disposition[];

/** The last 12 months: the 12 whole months ending today (inclusive). */
/**
 * A default period that covers the data: the last twelve months to today while the
 * data reaches into them (a live service sees today's calls); otherwise the twelve
 * months ending on the last day with calls. Either way it starts on the first day
 * with calls when that is later than a year before.
 */
export function defaultFilters(
  today: string,
  extent: { first: string | null; last: string | null } = { first: null, last: null },
): StatsFilters {
  const yearBefore = (day: string) => nextDay(monthsBefore(day, 12));
  const to = extent.last && extent.last < yearBefore(today) ? extent.last : today;
  const from =
    extent.first && extent.first > yearBefore(to) && extent.first <= to
      ? extent.first
      : yearBefore(to);
  return { from, to, pathway: '', bucket: 'month' };
}

/** Filters from the address, falling back to the defaults for anything absent or malformed. */
export function filtersFromUrl(search: string, defaults: StatsFilters): StatsFilters {
  const params = new URLSearchParams(search);
  const date = (name: 'from' | 'to') => {
    const value = params.get(name);
    return value && isoDate.test(value) ? value : defaults[name];
  };
  const pathway = params.get('pathway') ?? '';
  const bucket = params.get('bucket') ?? '';
  return {
    from: date('from'),
    to: date('to'),
    pathway: (pathways as string[]).includes(pathway) ? (pathway as Disposition) : defaults.pathway,
    bucket: (buckets as readonly string[]).includes(bucket) ? (bucket as Bucket) : defaults.bucket,
  };
}

export function filtersToUrl(f: StatsFilters): string {
  const params = new URLSearchParams({ from: f.from, to: f.to, bucket: f.bucket });
  if (f.pathway) params.set('pathway', f.pathway);
  return `${window.location.pathname}?${params.toString()}`;
}

export interface FilterForm {
  read(): StatsFilters | { error: string };
  write(f: StatsFilters): void;
}

export function bindFilterForm(form: HTMLFormElement): FilterForm {
  const input = (name: string) =>
    form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  const pathway = input('pathway') as HTMLSelectElement;
  for (const p of pathways)
    pathway.append(el('option', { text: dispositionLabels[p], attrs: { value: p } }));
  return {
    read() {
      const from = input('from').value;
      const to = input('to').value;
      if (!isoDate.test(from) || !isoDate.test(to)) return { error: 'Choose both dates.' };
      if (from > to) return { error: 'The start date must be on or before the end date.' };
      return {
        from,
        to,
        pathway: pathway.value as Disposition | '',
        bucket: input('bucket').value as Bucket,
      };
    },
    write(f) {
      input('from').value = f.from;
      input('to').value = f.to;
      pathway.value = f.pathway;
      input('bucket').value = f.bucket;
    },
  };
}
