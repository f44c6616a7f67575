/**
 * The charts of the HTML report (`coauthor-graph report --html`), bundled with Chart.js into one script
 * (src/web/build.ts → dist/report-charts.js) that the report inlines: the file opens offline.
 *
 * The report holds its numbers in `<script type="application/json" id="report-data">` (numbers only:
 * no author name reaches a chart) and a `<canvas data-chart="ID">` per chart. Each is drawn without
 * animation; `data-charts-drawn` on the root element then says how many were drawn (for tests and
 * scripts), and a chart that failed shows its error beside its canvas.
 */
import {
  Chart,
  type ChartConfiguration,
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
} from 'chart.js';
import type { ReportChart } from './report-chart-types.ts';
import { errorMessage } from '../error-message.ts';

Chart.register(
  Legend,
  LineController,
  LineElement,
  LinearScale,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip,
);

const COLORS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];

/** Log axes label the powers of ten only (1, 10, 100, 0.01…); the other ticks stay as grid lines. */
function powerOfTen(value: number | string): string {
  const number = Number(value);
  if (!(number > 0)) return '';
  const exponent = Math.round(Math.log10(number));
  if (Math.abs(number / 10 ** exponent - 1) > 1e-9) return '';
  return exponent >= 0 && exponent <= 6 ? String(10 ** exponent) : `1e${exponent}`;
}

function configuration(chart: ReportChart): ChartConfiguration<'scatter' | 'line'> {
  const logLog = chart.kind === 'log-log';
  const xs = chart.series.flatMap((series) => series.points.map(([x]) => x));
  const first = Math.min(...xs);
  const last = Math.max(...xs);
  return {
    type: logLog ? 'scatter' : 'line',
    data: {
      datasets: chart.series.map((series, i) => ({
        label: series.label,
        data: series.points.map(([x, y]) => ({ x, y })),
        borderColor: COLORS[i % COLORS.length],
        backgroundColor: COLORS[i % COLORS.length],
        pointRadius: logLog ? 2.5 : 2,
        showLine: !logLog,
        borderWidth: 1.5,
      })),
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      plugins: {
        title: { display: true, text: chart.title },
        legend: { display: chart.series.length > 1 },
      },
      scales: logLog
        ? {
            x: { type: 'logarithmic', title: { display: true, text: chart.xLabel }, ticks: { callback: powerOfTen } },
            y: { type: 'logarithmic', title: { display: true, text: chart.yLabel }, ticks: { callback: powerOfTen } },
          }
        : {
            x: {
              type: 'linear',
              title: { display: true, text: chart.xLabel },
              // One year alone gets a year of room either side.
              ...(first === last ? { min: first - 1, max: last + 1 } : { min: first, max: last }),
              ticks: { precision: 0, stepSize: 1, callback: (value) => String(value) },
            },
            y: { type: 'linear', title: { display: true, text: chart.yLabel }, beginAtZero: true },
          },
    },
  };
}

function drawAll(): void {
  const source = document.getElementById('report-data');
  const charts = JSON.parse(source?.textContent ?? '{"charts":[]}') as { charts: ReportChart[] };
  const byId = new Map(charts.charts.map((chart) => [chart.id, chart]));
  let drawn = 0;
  for (const canvas of document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart]')) {
    const chart = byId.get(canvas.dataset.chart ?? '');
    try {
      if (chart === undefined) throw new Error(`no data for the chart "${canvas.dataset.chart ?? ''}"`);
      new Chart(canvas, configuration(chart));
      drawn += 1;
    } catch (error) {
      const message = document.createElement('p');
      message.className = 'chart-error';
      message.textContent = `This chart could not be drawn: ${errorMessage(error)}`;
      canvas.after(message);
      console.error(error);
    }
  }
  document.documentElement.dataset.chartsDrawn = String(drawn);
}

drawAll();
