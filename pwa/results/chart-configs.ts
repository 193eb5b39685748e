// What each results chart shows, as plain chart.js configurations built from the answer's bucket
// totals (summed by the server); pure, so it is tested without a canvas.
import type { ResultsResponse } from '../../shared/schemas/results.js';
import type { ResultsMessages } from './i18n/zh-CN.js';
import type { ResultsChartConfig } from './results-chart.js';

const colours = { planned: '#9db4d6', done: '#1d5fbf', contact: '#0f8a5f', promise: '#c27c0e', promised: '#c27c0e', recovered: '#0f8a5f' };

export interface ChartSpec {
  id: 'visits' | 'rates' | 'money';
  title: string;
  /** Said to screen readers: the table below carries the same figures. */
  summary: string;
  config: ResultsChartConfig;
}

const percent = (ratio: number | null) => (ratio === null ? null : Math.round(ratio * 1000) / 10);
const yuan = (fen: number) => fen / 100;

export function chartSpecs(results: ResultsResponse, text: ResultsMessages, label: (bucket: string) => string): ChartSpec[] {
  const byBucket = new Map(results.bucketTotals.map((b) => [b.bucket, b]));
  const labels = results.buckets.map(label);
  const series = <T>(pick: (b: NonNullable<ReturnType<typeof byBucket.get>>) => T, empty: T) =>
    results.buckets.map((bucket) => {
      const figures = byBucket.get(bucket);
      return figures ? pick(figures) : empty;
    });
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    plugins: { legend: { position: 'bottom' as const } },
  };
  const t = text.charts;
  return [
    {
      id: 'visits',
      title: t.visits,
      summary: text.totals.done(results.totals.done, results.totals.planned),
      config: {
        type: 'bar',
        data: {
          labels,
          datasets: [
            { label: t.planned, data: series((b) => b.planned, 0), backgroundColor: colours.planned },
            { label: t.done, data: series((b) => b.done, 0), backgroundColor: colours.done },
          ],
        },
        options: { ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      },
    },
    {
      id: 'rates',
      title: t.rates,
      summary: `${t.contactRate} ${String(percent(results.totals.contactRate) ?? '—')}%, ${t.promiseRate} ${String(percent(results.totals.promiseRate) ?? '—')}%`,
      config: {
        type: 'line',
        data: {
          labels,
          datasets: [
            {
              label: `${t.contactRate} (%)`,
              data: series((b) => percent(b.contactRate), null),
              borderColor: colours.contact,
              backgroundColor: colours.contact,
              spanGaps: true,
            },
            {
              label: `${t.promiseRate} (%)`,
              data: series((b) => percent(b.promiseRate), null),
              borderColor: colours.promise,
              backgroundColor: colours.promise,
              spanGaps: true,
            },
          ],
        },
        options: { ...common, scales: { y: { beginAtZero: true, suggestedMax: 100 } } },
      },
    },
    {
      id: 'money',
      title: t.money,
      summary: `${t.promised} ${yuan(results.totals.amountPromised)}, ${t.recovered} ${yuan(results.totals.amountRecovered)}`,
      config: {
        type: 'bar',
        data: {
          labels,
          datasets: [
            { label: t.promised, data: series((b) => yuan(b.amountPromised), 0), backgroundColor: colours.promised },
            { label: t.recovered, data: series((b) => yuan(b.amountRecovered), 0), backgroundColor: colours.recovered },
          ],
        },
        options: { ...common, scales: { y: { beginAtZero: true } } },
      },
    },
  ];
}
