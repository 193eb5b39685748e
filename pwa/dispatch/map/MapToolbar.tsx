// Above the map: colour by priority or bucket with its legend, and the drawing tools that select cases.
import { useI18n } from '../../app/i18n/i18n.js';
import { Button, cx } from '../../app/ui/ui.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import { legendEntries, type ColourBy } from './colours.js';
import type { ShapeKind } from './draw.js';
import styles from './MapToolbar.module.css';

export function MapToolbar({
  colourBy,
  onColourBy,
  drawing,
  onDraw,
  hasShape,
  onClearShape,
  shown,
  loading,
  truncated,
}: {
  colourBy: ColourBy;
  onColourBy: (by: ColourBy) => void;
  drawing: ShapeKind | 'loading' | null;
  onDraw: (kind: ShapeKind) => void;
  hasShape: boolean;
  onClearShape: () => void;
  shown: number;
  loading: boolean;
  truncated: boolean;
}) {
  const { t } = useI18n();
  const d = useDispatchText();
  return (
    <div class={styles.toolbar}>
      <div class={styles.segmented} role="radiogroup" aria-label={d.map.colourBy}>
        <span class={styles.caption}>{d.map.colourBy}</span>
        {(['priority', 'bucket'] as const).map((by) => (
          <button
            key={by}
            type="button"
            role="radio"
            aria-checked={colourBy === by}
            class={cx(styles.segment, colourBy === by && styles.on)}
            onClick={() => onColourBy(by)}
          >
            {by === 'priority' ? d.map.byPriority : d.map.byBucket}
          </button>
        ))}
      </div>
      <ul class={styles.legend} aria-label={d.map.legend}>
        {legendEntries(colourBy).map((entry) => (
          <li key={entry.key}>
            <span class={styles.dot} style={{ background: entry.colour }} aria-hidden="true" />
            {colourBy === 'priority' ? t.cases.priorityValue(Number(entry.key)) : entry.key}
          </li>
        ))}
      </ul>
      <span class={styles.count} aria-live="polite">
        {loading ? d.map.loading : d.map.shown(shown)}
      </span>
      <span class={styles.spacer} />
      <Button onClick={() => onDraw('rectangle')} aria-pressed={drawing === 'rectangle'} busy={drawing === 'loading'}>
        ▭ {d.draw.rectangle}
      </Button>
      <Button onClick={() => onDraw('polygon')} aria-pressed={drawing === 'polygon'}>
        ⬠ {d.draw.polygon}
      </Button>
      <Button variant="ghost" onClick={onClearShape} disabled={!hasShape}>
        {d.draw.clear}
      </Button>
      {truncated && <p class={styles.warn}>{d.map.truncated}</p>}
      {drawing === 'rectangle' && <p class={styles.hint}>{d.draw.rectangleHint}</p>}
      {drawing === 'polygon' && <p class={styles.hint}>{d.draw.polygonHint}</p>}
      {drawing === 'loading' && <p class={styles.hint}>{d.draw.loading}</p>}
    </div>
  );
}
