// Dispatchers and admins upload a creditor's CSV or JSON file and see, row by row, what happened.
import { useState } from 'preact/hooks';
import type { CaseImportResult } from '../../shared/schemas/cases.js';
import { useI18n } from '../app/i18n/i18n.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { followLink } from '../app/router.js';
import { Button, cx, ErrorNotice, Notice } from '../app/ui/ui.js';
import { importCases } from './intake.api.js';
import { formatSize, prepareUpload, type UploadProblem } from './upload.js';
import styles from './ImportPage.module.css';

export function ImportPage() {
  const { t, locale } = useI18n();
  usePageTitle(t.intake.title);
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<UploadProblem | 'noFile' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CaseImportResult | null>(null);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    setProblem(null);
    if (!file) return setProblem('noFile');
    setBusy(true);
    try {
      const prepared = prepareUpload(file.name, file.type, await file.text());
      if (!prepared.ok) return setProblem(prepared.problem);
      setResult(null);
      setResult(await importCases(prepared));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class={styles.page} aria-labelledby="import-title">
      <div class={styles.head}>
        <h1 id="import-title">{t.intake.title}</h1>
        <p class={styles.hint}>{t.intake.hint}</p>
      </div>
      <form class={styles.card} onSubmit={(event) => void submit(event)} noValidate>
        <div class={styles.fileRow}>
          <span class={styles.label} id="import-file-label">
            {t.intake.file}
          </span>
          <label class={styles.picker}>
            <input
              type="file"
              name="file"
              accept=".csv,.json,text/csv,application/json"
              class="visually-hidden"
              aria-labelledby="import-file-label"
              aria-describedby="import-file-hint"
              onChange={(event) => {
                setFile(event.currentTarget.files?.[0] ?? null);
                setProblem(null);
                setError(null);
              }}
            />
            <span class={styles.pickerButton} aria-hidden="true">
              {t.intake.choose}
            </span>
            <span class={cx(styles.fileName, !file && styles.noFile)} data-testid="chosen-file">
              {file ? t.intake.chosen(file.name, formatSize(file.size, locale)) : t.intake.noneChosen}
            </span>
          </label>
          <span class={styles.fileHint} id="import-file-hint">
            {t.intake.fileHint}
          </span>
        </div>
        {problem && <Notice kind="error" title={t.intake[problem]} live="assertive" />}
        {error !== null && <ErrorNotice error={error} />}
        <div class={styles.actions}>
          <Button type="submit" variant="primary" busy={busy} disabled={busy}>
            {busy ? t.intake.submitting : t.intake.submit}
          </Button>
        </div>
      </form>
      {result && <ImportResult result={result} />}
    </section>
  );
}

function ImportResult({ result }: { result: CaseImportResult }) {
  const { t } = useI18n();
  const tiles = [
    { key: 'received', value: result.received, tone: '' },
    { key: 'accepted', value: result.accepted, tone: styles.good },
    { key: 'updated', value: result.updated, tone: styles.good },
    { key: 'unchanged', value: result.unchanged, tone: '' },
    { key: 'rejected', value: result.rejected.length, tone: result.rejected.length > 0 ? styles.bad : '' },
  ] as const;
  return (
    <section class={styles.card} aria-labelledby="import-result-title" data-testid="import-result">
      <h2 id="import-result-title">{t.intake.result}</h2>
      <dl class={styles.tiles}>
        {tiles.map((tile) => (
          <div key={tile.key} class={cx(styles.tile, tile.tone)}>
            <dt>{t.intake[tile.key]}</dt>
            <dd class="num">{tile.value}</dd>
          </div>
        ))}
      </dl>
      {result.rejected.length === 0 ? (
        <Notice kind="success" title={t.intake.allGood(result.received)} />
      ) : (
        <>
          <Notice kind="warn" title={t.intake.someRejected(result.rejected.length)} />
          <div class={styles.scroller}>
            <table class={styles.table}>
              <thead>
                <tr>
                  <th scope="col">{t.intake.columns.row}</th>
                  <th scope="col">{t.intake.columns.externalId}</th>
                  <th scope="col">{t.intake.columns.reason}</th>
                </tr>
              </thead>
              <tbody>
                {result.rejected.map((row) => (
                  <tr key={`${row.row}-${row.externalId ?? ''}`}>
                    <td class="num">{row.row}</td>
                    <td class="num">{row.externalId ?? t.common.dash}</td>
                    <td class={styles.reason}>{row.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <a class={styles.link} href="/cases" onClick={followLink}>
        {t.intake.viewCases} ›
      </a>
    </section>
  );
}
