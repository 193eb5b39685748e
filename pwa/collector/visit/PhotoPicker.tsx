// Photos from the rear camera (or the gallery), several at once, shown as thumbnails; each is prepared
// (watermarked, compressed, hashed) in the background from the moment it is chosen.
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from '../../app/i18n/i18n.js';
import { Notice } from '../../app/ui/ui.js';
import type { PhotoInput } from '../../sync/index.js';
import { photoProblem, preparePhoto, type PhotoStampInput } from './photo-adapter.js';
import styles from './VisitPage.module.css';

export interface ChosenPhoto {
  id: number;
  file: File;
  prepared: Promise<PhotoInput>;
}

let nextPhotoId = 0;

export function PhotoPicker({
  photos,
  stamp,
  onChange,
}: {
  photos: ChosenPhoto[];
  stamp: Omit<PhotoStampInput, 'takenAt'>;
  onChange: (photos: ChosenPhoto[]) => void;
}) {
  const { t } = useI18n();
  const v = t.collector.visit;
  const [problem, setProblem] = useState<string | null>(null);

  const add = (list: FileList | null) => {
    const chosen = [...(list ?? [])];
    const refused = chosen.find((file) => photoProblem(file) !== null);
    setProblem(refused ? (photoProblem(refused) === 'tooLarge' ? v.photoTooLarge(refused.name) : v.photoWrongType(refused.name)) : null);
    // Taken now, by the device clock the check-in used too.
    const takenAt = new Date().toISOString();
    const added = chosen
      .filter((file) => photoProblem(file) === null)
      .map((file) => {
        const prepared = preparePhoto(file, { ...stamp, takenAt });
        // Awaited on save; a photo removed before then must not surface as an unhandled failure.
        prepared.catch(() => undefined);
        nextPhotoId += 1;
        return { id: nextPhotoId, file, prepared };
      });
    onChange([...photos, ...added]);
  };

  return (
    <fieldset class={styles.group}>
      <legend class={styles.groupTitle}>
        {v.photos}
        {photos.length > 0 && <span class={styles.photoCount}> · {v.photosChosen(photos.length)}</span>}
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
      {photos.length > 0 && (
        <ul class={styles.thumbs}>
          {photos.map((photo, index) => (
            <li key={photo.id} class={styles.thumb}>
              <Thumb photo={photo} />
              <button
                type="button"
                class={styles.removePhoto}
                aria-label={v.removePhoto(index + 1)}
                onClick={() => onChange(photos.filter((_, at) => at !== index))}
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

/** The camera's picture at first, then the prepared one with its watermark, as it will be sent. */
function Thumb({ photo }: { photo: ChosenPhoto }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let current = URL.createObjectURL(photo.file);
    let live = true;
    setUrl(current);
    photo.prepared.then(
      (prepared) => {
        if (!live) return;
        URL.revokeObjectURL(current);
        current = URL.createObjectURL(new Blob([prepared.bytes as BlobPart], { type: prepared.contentType }));
        setUrl(current);
      },
      () => undefined,
    );
    return () => {
      live = false;
      URL.revokeObjectURL(current);
    };
  }, [photo]);
  return url ? <img src={url} alt="" /> : null;
}
