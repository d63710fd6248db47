// The charts of CP attendances: the diversion rate over time, and attendances by
// pathway and by outcome.
import type { ChartConfiguration } from 'chart.js';
import type { Disposition, Outcome } from '../shared/contract.js';
import { dispositionLabels, outcomeLabels } from '../shared/labels.js';
import { baseOptions, colours, dispositionColours } from './chart-style.js';
import { bucketLabel, count, rate } from './format.js';
import type { Bucket, TimeseriesPoint } from './stats-api.js';

const percentTicks = { callback: (value: number | string) => rate(Number(value)) };

/** Diversion rate per bucket (line, left axis) over the attendances it is a share of (bars, right). */
export function diversionConfig(
  series: TimeseriesPoint[],
  bucket: Bucket,
): ChartConfiguration<'bar' | 'line', Array<number | null>, string> {
  return {
    type: 'bar',
    data: {
      labels: series.map((p) => bucketLabel(p.bucket, bucket)),
      datasets: [
        {
          type: 'line',
          label: 'Diversion rate',
          data: series.map((p) => p.diversionRate),
          borderColor: colours.ok,
          backgroundColor: colours.ok,
          pointRadius: series.length > 60 ? 0 : 3,
          borderWidth: 2,
          tension: 0.2,
          yAxisID: 'rate',
          order: 0,
        },
        {
          type: 'bar',
          label: 'CP attendances',
          data: series.map((p) => p.attendances),
          backgroundColor: colours.bars,
          yAxisID: 'count',
          order: 1,
        },
      ],
    },
    options: {
      ...baseOptions(),
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkip: true } },
        rate: {
          position: 'left',
          min: 0,
          max: 1,
          ticks: percentTicks,
          grid: { color: colours.grid },
          title: { display: true, text: 'Diversion rate' },
        },
        count: {
          position: 'right',
          beginAtZero: true,
          grid: { display: false },
          ticks: { precision: 0 },
          title: { display: true, text: 'CP attendances' },
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) =>
              item.dataset.yAxisID === 'rate'
                ? `Diversion rate: ${rate(item.parsed.y)}`
                : `CP attendances: ${count(item.parsed.y ?? 0)}`,
          },
        },
      },
    },
  };
}

export function dispositionConfig(
  byDisposition: Record<Disposition, number>,
): ChartConfiguration<'bar', number[], string> {
  const keys = Object.keys(dispositionLabels) as Disposition[];
  return {
    type: 'bar',
    data: {
      labels: keys.map((k) => dispositionLabels[k]),
      datasets: [
        {
          label: 'CP attendances',
          data: keys.map((k) => byDisposition[k] ?? 0),
          backgroundColor: keys.map((k) => dispositionColours[k]),
        },
      ],
    },
    options: countBarOptions(),
  };
}

export function outcomeConfig(
  byOutcome: Record<Outcome, number>,
): ChartConfiguration<'bar', number[], string> {
  const keys = Object.keys(outcomeLabels) as Outcome[];
  return {
    type: 'bar',
    data: {
      labels: keys.map((k) => outcomeLabels[k]),
      datasets: [
        {
          label: 'CP attendances',
          data: keys.map((k) => byOutcome[k] ?? 0),
          backgroundColor: keys.map((k) => (k === 'transported_ed' ? colours.danger : colours.ok)),
        },
      ],
    },
    options: {
      ...countBarOptions(),
      indexAxis: 'y',
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: colours.grid } },
        y: { grid: { display: false } },
      },
    },
  };
}

function countBarOptions() {
  return {
    ...baseOptions(),
    scales: {
      x: { grid: { display: false } },
      y: { beginAtZero: true, ticks: { precision: 0 }, grid: { color: colours.grid } },
    },
    plugins: { legend: { display: false } },
  };
}
