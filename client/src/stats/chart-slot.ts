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
