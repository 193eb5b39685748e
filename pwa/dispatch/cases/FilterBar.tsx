// The console's filters in one compact row above the map: they apply to the map and the table alike.
import { useEffect, useState } from 'preact/hooks';
import { buckets, caseStatuses, escalationReasons, type Bucket } from '../../../shared/cases.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Button, cx } from '../../app/ui/ui.js';
import type { Directory } from '../../cases/directory.api.js';
import { draftFrom, readDraft, type DraftErrors, type FilterDraft } from '../../cases/filter-draft.js';
import { activeFilterCount, emptyFilters, type CaseFilters } from '../../cases/table-state.js';
import { useDispatchText } from '../i18n/useDispatchText.js';
import { openStatuses, type Area } from './filters.js';
import styles from './FilterBar.module.css';

export function FilterBar({
  filters,
  area,
  hasShape,
  directory,
  onApply,
  onArea,
}: {
  filters: CaseFilters;
  area: Area;
  hasShape: boolean;
  directory: Directory | null;
  onApply: (filters: CaseFilters) => void;
  onArea: (area: Area) => void;
}) {
  const { t } = useI18n();
  const d = useDispatchText();
  const f = t.cases.filters;
  const [draft, setDraft] = useState<FilterDraft>(() => draftFrom(filters));
  const [errors, setErrors] = useState<DraftErrors>({});
  useEffect(() => setDraft(draftFrom(filters)), [filters]);
  const set = <K extends keyof FilterDraft>(key: K, value: FilterDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const toggleBucket = (bucket: Bucket, on: boolean) =>
    set('bucket', on ? buckets.filter((b) => b === bucket || draft.bucket.includes(b)) : draft.bucket.filter((b) => b !== bucket));
  const apply = (event: Event) => {
    event.preventDefault();
    const result = readDraft(draft);
    setErrors(result.errors ?? {});
    if (result.filters) onApply(result.filters);
  };
  const error = (key: keyof DraftErrors) => (errors[key] ? f[errors[key]] : null);
  const firstError = error('minDaysPastDue') ?? error('maxDaysPastDue') ?? error('minAmount') ?? error('maxAmount');
  const input = (
    key: 'minDaysPastDue' | 'maxDaysPastDue' | 'minAmount' | 'maxAmount',
    label: string,
    placeholder: string,
    mode: 'numeric' | 'decimal',
  ) => (
    <input
      class={cx(styles.input, styles.short)}
      aria-label={label}
      placeholder={placeholder}
      inputMode={mode}
      name={key}
      value={draft[key]}
      aria-invalid={errors[key] ? true : undefined}
      onInput={(event) => set(key, event.currentTarget.value)}
    />
  );

  return (
    <form class={styles.bar} onSubmit={apply} aria-label={f.title} noValidate>
      <fieldset class={styles.chips}>
        <legend class={styles.visuallyHidden}>{f.bucket}</legend>
        {buckets.map((bucket) => (
          <label key={bucket} class={cx(styles.chip, draft.bucket.includes(bucket) && styles.chipOn)}>
            <input
              type="checkbox"
              checked={draft.bucket.includes(bucket)}
              onChange={(e) => toggleBucket(bucket, e.currentTarget.checked)}
            />
            {t.bucket[bucket]}
          </label>
        ))}
      </fieldset>
      <label class={styles.field}>
        <span>{f.status}</span>
        <select
          class={styles.input}
          value={draft.status}
          onChange={(e) => set('status', caseStatuses.find((s) => s === e.currentTarget.value) ?? '')}
        >
          <option value="">{f.any}</option>
          {openStatuses.map((status) => (
            <option key={status} value={status}>
              {t.status[status]}
            </option>
          ))}
        </select>
      </label>
      <label class={styles.field}>
        <span>{f.reason}</span>
        <select
          class={styles.input}
          value={draft.escalationReason}
          onChange={(e) => set('escalationReason', escalationReasons.find((r) => r === e.currentTarget.value) ?? '')}
        >
          <option value="">{f.any}</option>
          {escalationReasons.map((reason) => (
            <option key={reason} value={reason}>
              {t.reason[reason]}
            </option>
          ))}
        </select>
      </label>
      <label class={styles.field}>
        <span>{f.creditor}</span>
        <select class={styles.input} value={draft.creditor} onChange={(e) => set('creditor', e.currentTarget.value)}>
          <option value="">{f.any}</option>
          {directory?.creditors.map((creditor) => (
            <option key={creditor.id} value={creditor.code}>
              {creditor.name}
            </option>
          ))}
        </select>
      </label>
      <div class={styles.field}>
        <span>{t.cases.daysPastDue}</span>
        <span class={styles.range}>
          {input('minDaysPastDue', f.minDays, d.range.min, 'numeric')}–{input('maxDaysPastDue', f.maxDays, d.range.max, 'numeric')}
        </span>
      </div>
      <div class={styles.field}>
        <span>{t.cases.outstanding}</span>
        <span class={styles.range}>
          {input('minAmount', f.minAmount, d.range.minYuan, 'decimal')}–{input('maxAmount', f.maxAmount, d.range.maxYuan, 'decimal')}
        </span>
      </div>
      <label class={styles.field}>
        <span>{d.area.label}</span>
        <select class={styles.input} value={area} onChange={(e) => onArea(e.currentTarget.value === 'shape' ? 'shape' : 'view')}>
          <option value="view">{d.area.view}</option>
          <option value="shape" disabled={!hasShape}>
            {hasShape ? d.area.shape : d.area.noShape}
          </option>
        </select>
      </label>
      <div class={styles.actions}>
        <Button type="submit" variant="primary">
          {f.apply}
        </Button>
        <Button variant="ghost" disabled={activeFilterCount(filters) === 0} onClick={() => onApply(emptyFilters)}>
          {f.clear}
        </Button>
      </div>
      {firstError && (
        <p class={styles.error} role="alert">
          {firstError}
        </p>
      )}
    </form>
  );
}
