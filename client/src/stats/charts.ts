// The dashboard's charts, drawn by Chart.js on canvas. Only the pieces used are
// imported and registered, so the bundle keeps what it needs. Chart.js sizes its
// canvas through element.style (CSSOM), which a `style-src 'self'` policy allows:
// it injects no <style> element and sets no style attribute.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
} from 'chart.js';
import type { Disposition, Outcome } from '../shared/contract.js';
import { dispositionLabels, outcomeLabels } from '../shared/labels.js';
import { bucketLabel, count, duration, rate } from './format.js';
import type { Bucket, HistogramBin, TimeseriesPoint } from './stats-api.js';

Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  Legend,
);
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily || 'system-ui';
Chart.defaults.color = '#3b4455';

/** The 60 s line of NFPA 1225 (90% of calls processed within 60 s). */
export const PROCESSING_TARGET_SEC = 60;

const colours = {
  accent: '#0b5cad',
  ok: '#1e7b34',
  okSoft: 'rgb(30 123 52 / 0.75)',
  late: 'rgb(168 100 0 / 0.75)',
  danger: '#b3261e',
  bars: 'rgb(11 92 173 / 0.18)',
  grid: 'rgb(0 0 0 / 0.07)',
};

export const dispositionColours: Record<Disposition, string> = {
  emergency_department: '#b3261e',
  crisis_centre: '#6a3fb5',
  cp_clinic: '#0b7a75',
  home_visit: '#0b5cad',
};

const reducedMotion = () => window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Marks the canvas once Chart.js has drawn it (tests and screenshots wait for it). */
const renderedMark: Plugin = {
  id: 'altpathRendered',
  afterRender(chart) {
    chart.canvas.dataset.rendered = 'true';
  },
};

/**
 * One chart in its canvas. Each render replaces the previous chart; the canvas
 * carries a text summary as its accessible name, since a picture alone says nothing
 * to a screen reader.
 */
export class ChartSlot {
  private chart: Chart | undefined;

  constructor(readonly canvas: HTMLCanvasElement) {
    canvas.setAttribute('role', 'img');
  }

  render<T extends ChartType>(config: ChartConfiguration<T>, summary: string): void {
    this.clear();
    this.canvas.setAttribute('aria-label', summary);
    this.canvas.textContent = summary;
    config.plugins = [...(config.plugins ?? []), renderedMark as Plugin<T>];
    this.chart = new Chart(this.canvas, config as ChartConfiguration) as unknown as Chart;
  }

  clear(): void {
    this.chart?.destroy();
    this.chart = undefined;
    delete this.canvas.dataset.rendered;
  }
}

const baseOptions = () => ({
  responsive: true,
  maintainAspectRatio: false,
  animation: reducedMotion() ? (false as const) : { duration: 300 },
});

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

export const binLabel = (bin: HistogramBin) =>
  bin.toSec === null ? `${bin.fromSec} s +` : `${bin.fromSec}–${bin.toSec} s`;

/**
 * Call processing time (received to first dispatch) in the API's 10 s bins: bins
 * ending at or before 60 s are green, later ones amber, with the 60 s line drawn
 * between them.
 */
export function processingConfig(
  bins: HistogramBin[],
): ChartConfiguration<'bar', number[], string> {
  const within = (bin: HistogramBin) => bin.toSec !== null && bin.toSec <= PROCESSING_TARGET_SEC;
  return {
    type: 'bar',
    data: {
      labels: bins.map(binLabel),
      datasets: [
        {
          label: 'Calls',
          data: bins.map((b) => b.calls),
          backgroundColor: bins.map((b) => (within(b) ? colours.okSoft : colours.late)),
          categoryPercentage: 1,
          barPercentage: 0.96,
        },
      ],
    },
    options: {
      ...baseOptions(),
      scales: {
        x: {
          grid: { display: false },
          ticks: { maxRotation: 0, autoSkip: true },
          title: { display: true, text: 'Call received → first unit dispatched' },
        },
        y: {
          beginAtZero: true,
          ticks: { precision: 0 },
          grid: { color: colours.grid },
          title: { display: true, text: 'Calls' },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => `${count(item.parsed.y ?? 0)} calls` } },
      },
    },
    plugins: [thresholdLine(bins.findIndex((b) => b.fromSec >= PROCESSING_TARGET_SEC))],
  };
}

/** A dashed vertical line before the category at `index`, labelled with the target. */
function thresholdLine(index: number): Plugin<'bar'> {
  return {
    id: 'altpathThreshold',
    afterDatasetsDraw(chart) {
      const x = chart.scales.x;
      if (!x || index <= 0) return;
      const at = (x.getPixelForValue(index - 1) + x.getPixelForValue(index)) / 2;
      const { top, bottom } = chart.chartArea;
      const ctx = chart.ctx;
      ctx.save();
      ctx.strokeStyle = colours.danger;
      ctx.lineWidth = 2;
      ctx.setLineDash([6, 4]);
      ctx.beginPath();
      ctx.moveTo(at, top);
      ctx.lineTo(at, bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.fillStyle = colours.danger;
      ctx.font = `600 12px ${Chart.defaults.font.family ?? 'system-ui'}`;
      ctx.textBaseline = 'top';
      ctx.fillText(`${duration(PROCESSING_TARGET_SEC)} target`, at + 5, top + 2);
      ctx.restore();
    },
  };
}
