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
export function defaultFilters(today: string): StatsFilters {
  return { from: nextDay(monthsBefore(today, 12)), to: today, pathway: '', bucket: 'month' };
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
