// The figure tiles: one number each, with what it is a share of underneath.
import { el, replaceChildren } from '../shared/dom.js';
import { count, duration, money, rate } from './format.js';
import type { Summary } from './stats-api.js';

/** NFPA 1225: 90% of calls processed within 60 s. */
const WITHIN_60S_TARGET = 0.9;

interface Tile {
  key: string;
  label: string;
  value: string;
  detail?: string;
  /** 'warn' when a target is missed or a safety figure is non-zero. */
  tone?: 'good' | 'warn';
}

export function tilesFor(s: Summary): Tile[] {
  const p = s.processing;
  const r = s.recontact72h;
  const c = s.crisisCentreClearance;
  return [
    { key: 'calls', label: 'Calls', value: count(s.calls) },
    {
      key: 'attendances',
      label: 'CP attendances',
      value: count(s.attendances),
      detail: 'completed assignments',
    },
    {
      key: 'diverted',
      label: 'Diverted',
      value: count(s.diverted),
      detail: 'not transported to the ED',
    },
    {
      key: 'diversion-rate',
      label: 'Diversion rate',
      value: rate(s.diversionRate),
      detail: `${count(s.diverted)} of ${count(s.attendances)} attendances`,
    },
    { key: 'ed-avoided', label: 'ED transports avoided', value: count(s.edTransportsAvoided) },
    {
      key: 'cost-avoided',
      label: 'Estimated cost avoided',
      value: money(s.costAvoided.amount, s.costAvoided.currency),
      detail: 'ED transports avoided × saving per attendance',
    },
    {
      key: 'override-rate',
      label: 'Override rate',
      value: rate(s.overrideRate),
      detail: `${count(s.overrides)} of ${count(s.dispatches)} dispatches`,
    },
    {
      key: 'recontact-rate',
      label: '72 h re-contact rate',
      value: rate(r.rate),
      detail:
        `${count(r.recontacted)} of ${count(r.diverted - r.withoutKey)} diverted with a patient key` +
        (r.withoutKey ? `; ${count(r.withoutKey)} without a key` : ''),
      tone: r.recontacted > 0 ? 'warn' : undefined,
    },
    {
      key: 'missed',
      label: 'Missed opportunities',
      value: count(s.missedOpportunities),
      detail: 'alternate recommended, ended at the ED',
      tone: s.missedOpportunities > 0 ? 'warn' : undefined,
    },
    {
      key: 'clearance-compliance',
      label: 'Crisis-centre clearance',
      value: rate(c.rate),
      detail: `${count(c.cleared)} of ${count(c.transports)} crisis-centre transports cleared on scene (complete vital signs)`,
      tone: c.rate === null ? undefined : c.cleared === c.transports ? 'good' : 'warn',
    },
    {
      key: 'processing-p50',
      label: 'Call processing p50',
      value: duration(p.p50Sec),
      detail: 'received → first dispatch',
    },
    {
      key: 'processing-p90',
      label: 'Call processing p90',
      value: duration(p.p90Sec),
      detail: 'received → first dispatch',
    },
    {
      key: 'within-60s',
      label: 'Processed within 60 s',
      value: rate(p.within60sRate),
      detail: `of ${count(p.dispatched)} dispatched calls · target 90%`,
      tone:
        p.within60sRate === null
          ? undefined
          : p.within60sRate >= WITHIN_60S_TARGET
            ? 'good'
            : 'warn',
    },
    {
      key: 'to-scene-p50',
      label: 'Dispatch → on scene p50',
      value: duration(p.dispatchToOnSceneP50Sec),
    },
    {
      key: 'on-scene-p50',
      label: 'On scene → completed p50',
      value: duration(p.onSceneToCompletedP50Sec),
    },
  ];
}

export function renderTiles(list: HTMLElement, summary: Summary): void {
  replaceChildren(
    list,
    ...tilesFor(summary).map((tile) =>
      el(
        'li',
        {
          className: `tile${tile.tone ? ` tile-${tile.tone}` : ''}`,
          testId: `tile-${tile.key}`,
        },
        el('span', { className: 'tile-label', text: tile.label }),
        el('span', { className: 'tile-value', testId: `tile-${tile.key}-value`, text: tile.value }),
        tile.detail ? el('span', { className: 'tile-detail', text: tile.detail }) : null,
      ),
    ),
  );
}
