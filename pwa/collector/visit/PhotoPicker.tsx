// Photos from the rear camera (or the gallery), several at once, shown as thumbnails before saving.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n/i18n.js';
import { Notice } from '../../app/ui/ui.js';
import { photoProblem } from './photo-adapter.js';
import styles from './VisitPage.module.css';

export function PhotoPicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useI18n();
  const v = t.collector.visit;
  const [problem, setProblem] = useState<string | null>(null);
  const previews = useMemo(() => files.map((file) => URL.createObjectURL(file)), [files]);
  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);

  const add = (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    const refused = chosen.find((file) => photoProblem(file) !== null);
    setProblem(refused ? (photoProblem(refused) === 'tooLarge' ? v.photoTooLarge(refused.name) : v.photoWrongType(refused.name)) : null);
    onChange([...files, ...chosen.filter((file) => photoProblem(file) === null)]);
  };

  return (
    <fieldset class={styles.group}>
      <legend class={styles.groupTitle}>
        {v.photos}
        {files.length > 0 && <span class={styles.photoCount}> · {v.photosChosen(files.length)}</span>}
      </legend>
      <label class={styles.camera}>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          class={styles.cameraInput}
          data-testid="photo-input"
          onChange={(event) => {
            add(event.currentTarget.files);
            // The same photo can be chosen again after removing it.
            event.currentTarget.value = '';
          }}
        />
        <span>{v.addPhotos}</span>
      </label>
      {problem && <Notice kind="error" title={problem} />}
      {files.length > 0 && (
        <ul class={styles.thumbs}>
          {previews.map((url, index) => (
            <li key={url} class={styles.thumb}>
              <img src={url} alt="" />
              <button
                type="button"
                class={styles.removePhoto}
                aria-label={v.removePhoto(index + 1)}
                onClick={() => onChange(files.filter((_, at) => at !== index))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
