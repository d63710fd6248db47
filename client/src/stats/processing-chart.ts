// Call processing time against the NFPA 1225 line.
import { Chart, type ChartConfiguration, type Plugin } from 'chart.js';
import { baseOptions, colours } from './chart-style.js';
import { count, duration } from './format.js';
import type { HistogramBin } from './stats-api.js';

/** The 60 s line of NFPA 1225 (90% of calls processed within 60 s). */
export const PROCESSING_TARGET_SEC = 60;

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
