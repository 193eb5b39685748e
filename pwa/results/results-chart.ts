// chart.js, loaded only when the results page draws its charts (its own chunk, outside the phones'
// precache); only the pieces the charts use are registered, so the rest of the library is left out.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);

export type ResultsChartConfig = ChartConfiguration<'bar' | 'line', (number | null)[], string>;

/** Draws a chart on the canvas; the answer destroys it (before the next one or when the page leaves). */
export function drawChart(canvas: HTMLCanvasElement, config: ResultsChartConfig): () => void {
  const chart = new Chart(canvas, config);
  return () => chart.destroy();
}
