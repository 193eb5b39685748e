// The three charts, drawn once chart.js has loaded (a chunk of its own); each canvas is described in
// words for screen readers, and the table below carries every figure.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ResultsResponse } from '../../shared/schemas/results.js';
import { chartSpecs } from './chart-configs.js';
import type { drawChart } from './results-chart.js';
import { useResultsText } from './i18n/useResultsText.js';
import styles from './ResultsPage.module.css';

interface ChartModule {
  drawChart: typeof drawChart;
}

export function ResultsCharts({ results, label }: { results: ResultsResponse; label: (bucket: string) => string }) {
  const text = useResultsText();
  const [module, setModule] = useState<ChartModule | null>(null);
  const [failed, setFailed] = useState(false);
  const canvases = useRef<(HTMLCanvasElement | null)[]>([]);
  const specs = chartSpecs(results, text, label);

  useEffect(() => {
    let cancelled = false;
    import('./results-chart.js').then(
      (loaded) => !cancelled && setModule(loaded),
      () => !cancelled && setFailed(true),
    );
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!module) return;
    const destroy = specs.flatMap((spec, i) => {
      const canvas = canvases.current[i];
      return canvas ? [module.drawChart(canvas, spec.config)] : [];
    });
    return () => destroy.forEach((done) => done());
  }, [module, results, text]);

  return (
    <section class={styles.charts} aria-label={text.charts.label}>
      {failed && <p class={styles.muted}>{text.charts.failed}</p>}
      {specs.map((spec, i) => (
        <figure key={spec.id} class={styles.chart}>
          <figcaption>{spec.title}</figcaption>
          <div class={styles.canvasBox}>
            {!module && !failed && <p class={styles.muted}>{text.charts.loading}</p>}
            <canvas
              ref={(canvas) => {
                canvases.current[i] = canvas;
              }}
              role="img"
              aria-label={`${spec.title}: ${spec.summary}`}
              data-chart={spec.id}
            />
          </div>
        </figure>
      ))}
    </section>
  );
}
