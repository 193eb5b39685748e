// The dispatcher's filter form: edited freely, applied together, cleared in one go.
import { useEffect, useId, useState } from 'preact/hooks';
import { buckets, caseStatuses, escalationReasons, type Bucket } from '../../shared/cases.js';
import { useI18n } from '../app/i18n/i18n.js';
import { Button, cx, Field, inputClass } from '../app/ui/ui.js';
import type { Directory } from './directory.api.js';
import { draftFrom, readDraft, type DraftErrors, type FilterDraft } from './filter-draft.js';
import { activeFilterCount, emptyFilters, type CaseFilters } from './table-state.js';
import styles from './CaseTable.module.css';

export function CaseFiltersForm({
  filters,
  directory,
  onApply,
}: {
  filters: CaseFilters;
  /** Null while it loads (or if it failed): the selects then offer only what needs no names. */
  directory: Directory | null;
  onApply: (filters: CaseFilters) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<FilterDraft>(() => draftFrom(filters));
  const [errors, setErrors] = useState<DraftErrors>({});
  // Below desktop width the filters fold away behind a button so the table stays in sight.
  const [open, setOpen] = useState(false);
  const gridId = useId();
  useEffect(() => {
    setDraft(draftFrom(filters));
    setErrors({});
  }, [filters]);

  const set = <K extends keyof FilterDraft>(key: K, value: FilterDraft[K]) => setDraft((previous) => ({ ...previous, [key]: value }));
  const toggleBucket = (bucket: Bucket, on: boolean) =>
    set('bucket', on ? buckets.filter((b) => b === bucket || draft.bucket.includes(b)) : draft.bucket.filter((b) => b !== bucket));
  const message = (key: keyof DraftErrors) => {
    const error = errors[key];
    return error ? t.cases.filters[error] : null;
  };
  const apply = (event: Event) => {
    event.preventDefault();
    const result = readDraft(draft);
    if (result.errors) {
      setErrors(result.errors);
      return;
    }
    setErrors({});
    onApply(result.filters);
  };
  const active = activeFilterCount(filters);
  const f = t.cases.filters;
  // A collector chosen by link before the directory has loaded (or one no longer listed) still shows as chosen.
  const unlistedCollector =
    draft.assignedCollectorId !== '' &&
    draft.assignedCollectorId !== 'none' &&
    !directory?.collectors.some((collector) => collector.id === draft.assignedCollectorId);

  return (
    <form class={styles.filters} onSubmit={apply} aria-label={f.title} noValidate data-open={open}>
      <button type="button" class={styles.filterToggle} aria-expanded={open} aria-controls={gridId} onClick={() => setOpen(!open)}>
        <span>{f.title}</span>
        {active > 0 && <span class={styles.toggleCount}>{active}</span>}
        <span class={styles.toggleIcon} aria-hidden="true">
          {open ? '▴' : '▾'}
        </span>
      </button>
      <div class={styles.filterGrid} id={gridId}>
        <Field label={f.search} class={styles.searchField}>
          {({ id }) => (
            <input
              id={id}
              type="search"
              class={inputClass}
              name="search"
              placeholder={f.searchPlaceholder}
              maxLength={64}
              value={draft.search}
              onInput={(event) => set('search', event.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={f.status}>
          {({ id }) => (
            <select
              id={id}
              class={inputClass}
              name="status"
              value={draft.status}
              onChange={(event) => set('status', caseStatuses.find((s) => s === event.currentTarget.value) ?? '')}
            >
              <option value="">{f.any}</option>
              {caseStatuses.map((status) => (
                <option key={status} value={status}>
                  {t.status[status]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={f.reason}>
          {({ id }) => (
            <select
              id={id}
              class={inputClass}
              name="escalationReason"
              value={draft.escalationReason}
              onChange={(event) => set('escalationReason', escalationReasons.find((r) => r === event.currentTarget.value) ?? '')}
            >
              <option value="">{f.any}</option>
              {escalationReasons.map((reason) => (
                <option key={reason} value={reason}>
                  {t.reason[reason]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={f.creditor}>
          {({ id }) => (
            <select
              id={id}
              class={inputClass}
              name="creditor"
              value={draft.creditor}
              onChange={(event) => set('creditor', event.currentTarget.value)}
            >
              <option value="">{f.any}</option>
              {draft.creditor !== '' && !directory?.creditors.some((c) => c.code === draft.creditor) && (
                <option value={draft.creditor}>{draft.creditor}</option>
              )}
              {directory?.creditors.map((creditor) => (
                <option key={creditor.id} value={creditor.code}>
                  {creditor.name} ({creditor.code})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={f.assignment}>
          {({ id }) => (
            <select
              id={id}
              class={inputClass}
              name="assignedCollectorId"
              value={draft.assignedCollectorId}
              onChange={(event) => set('assignedCollectorId', event.currentTarget.value)}
            >
              <option value="">{f.any}</option>
              <option value="none">{f.onlyUnassigned}</option>
              {unlistedCollector && <option value={draft.assignedCollectorId}>{t.cases.assigned}</option>}
              {directory && directory.collectors.length > 0 && (
                <optgroup label={f.collectors}>
                  {directory.collectors.map((collector) => (
                    <option key={collector.id} value={collector.id}>
                      {collector.displayName}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          )}
        </Field>
        <fieldset class={styles.bucketSet}>
          <legend class={styles.legend}>{f.bucket}</legend>
          <div class={styles.chips}>
            {buckets.map((bucket) => (
              <label key={bucket} class={cx(styles.chip, draft.bucket.includes(bucket) && styles.chipOn)}>
                <input
                  type="checkbox"
                  name="bucket"
                  value={bucket}
                  checked={draft.bucket.includes(bucket)}
                  onChange={(event) => toggleBucket(bucket, event.currentTarget.checked)}
                />
                {t.bucket[bucket]}
              </label>
            ))}
          </div>
        </fieldset>
        <RangeField
          from={{
            label: f.minDays,
            name: 'minDaysPastDue',
            value: draft.minDaysPastDue,
            error: message('minDaysPastDue'),
            inputMode: 'numeric',
          }}
          to={{
            label: f.maxDays,
            name: 'maxDaysPastDue',
            value: draft.maxDaysPastDue,
            error: message('maxDaysPastDue'),
            inputMode: 'numeric',
          }}
          onChange={(name, value) => set(name as 'minDaysPastDue' | 'maxDaysPastDue', value)}
        />
        <RangeField
          from={{ label: f.minAmount, name: 'minAmount', value: draft.minAmount, error: message('minAmount'), inputMode: 'decimal' }}
          to={{ label: f.maxAmount, name: 'maxAmount', value: draft.maxAmount, error: message('maxAmount'), inputMode: 'decimal' }}
          onChange={(name, value) => set(name as 'minAmount' | 'maxAmount', value)}
        />
        <div class={styles.filterActions}>
          <Button
            variant="ghost"
            onClick={() => onApply(emptyFilters)}
            disabled={active === 0 && JSON.stringify(draft) === JSON.stringify(draftFrom(emptyFilters))}
          >
            {f.clear}
          </Button>
          <Button type="submit" variant="primary">
            {f.apply}
          </Button>
        </div>
      </div>
      {Object.keys(errors).length > 0 && (
        <p class={styles.filterError} role="alert">
          {f.fixErrors}
        </p>
      )}
    </form>
  );
}

interface RangeEnd {
  label: string;
  name: string;
  value: string;
  error: string | null;
  inputMode: 'numeric' | 'decimal';
}

function RangeField({ from, to, onChange }: { from: RangeEnd; to: RangeEnd; onChange: (name: string, value: string) => void }) {
  return (
    <div class={styles.range}>
      {[from, to].map((end) => (
        <Field key={end.name} label={end.label} error={end.error}>
          {({ id, describedBy, invalid }) => (
            <input
              id={id}
              class={inputClass}
              name={end.name}
              inputMode={end.inputMode}
              autocomplete="off"
              value={end.value}
              onInput={(event) => onChange(end.name, event.currentTarget.value)}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
            />
          )}
        </Field>
      ))}
    </div>
  );
}
