// The visit's photos as thumbnails; one opens full size in a viewer that zooms (wheel, buttons, 1:1)
// and pans (drag), and steps through the photos with the arrow keys.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { VisitReview } from '../../../shared/schemas/review.js';
import { useI18n } from '../../app/i18n/i18n.js';
import { Button } from '../../app/ui/ui.js';
import { useReviewText } from '../i18n/useReviewText.js';
import { photoUrl } from './review.api.js';
import styles from './VisitReview.module.css';

type Photo = VisitReview['photos'][number];

export function PhotoGallery({ photos, timeZone }: { photos: Photo[]; timeZone: string }) {
  const r = useReviewText();
  const { dateTime } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  const arrived = photos.filter((p) => p.arrived);
  return (
    <section class={styles.panel} aria-labelledby="photos-title">
      <h2 id="photos-title">{r.photos.title(photos.length)}</h2>
      {photos.length === 0 && <p class={styles.muted}>{r.photos.none}</p>}
      <ul class={styles.thumbs}>
        {photos.map((photo, index) => (
          <li key={photo.sha256}>
            {photo.arrived ? (
              <button
                type="button"
                class={styles.thumb}
                onClick={() => setOpen(arrived.indexOf(photo))}
                aria-label={r.photos.open(index + 1)}
              >
                <img src={photoUrl(photo.sha256)} alt="" loading="lazy" />
                <span class={styles.thumbNumber}>{index + 1}</span>
              </button>
            ) : (
              <div class={styles.thumbMissing}>{r.photos.notArrived}</div>
            )}
            <span class={styles.thumbCaption}>{r.photos.takenAt(dateTime(photo.takenAt, timeZone))}</span>
          </li>
        ))}
      </ul>
      {open !== null && arrived[open] && (
        <PhotoViewer
          photos={arrived}
          index={open}
          onIndex={setOpen}
          onClose={() => setOpen(null)}
          caption={(p) => `${r.photos.takenAt(dateTime(p.takenAt, timeZone))} · SHA-256 ${p.sha256.slice(0, 16)}…`}
        />
      )}
    </section>
  );
}

function PhotoViewer({
  photos,
  index,
  onIndex,
  onClose,
  caption,
}: {
  photos: Photo[];
  index: number;
  onIndex: (i: number) => void;
  onClose: () => void;
  caption: (p: Photo) => string;
}) {
  const r = useReviewText();
  const dialog = useRef<HTMLDialogElement>(null);
  const image = useRef<HTMLImageElement>(null);
  const [view, setView] = useState({ scale: 1, x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; startX: number; startY: number } | null>(null);
  const photo = photos[index]!;

  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  useEffect(() => setView({ scale: 1, x: 0, y: 0 }), [index]);
  const zoom = (factor: number) => setView((v) => ({ ...v, scale: Math.min(8, Math.max(0.5, v.scale * factor)) }));
  // 1:1 shows the photo's own pixels; the image is laid out fitted, so scale by natural / shown size.
  const actualSize = () => {
    const img = image.current;
    if (img && img.clientWidth > 0) setView({ scale: img.naturalWidth / img.clientWidth, x: 0, y: 0 });
  };
  const step = (delta: number) => onIndex((index + delta + photos.length) % photos.length);

  return (
    <dialog
      ref={dialog}
      class={styles.viewer}
      aria-label={r.photos.viewer}
      onClose={onClose}
      onKeyDown={(event) => {
        if (event.key === 'ArrowRight') step(1);
        if (event.key === 'ArrowLeft') step(-1);
        if (event.key === '+' || event.key === '=') zoom(1.25);
        if (event.key === '-') zoom(0.8);
      }}
    >
      <div class={styles.viewerBar}>
        <span>
          {r.photos.counter(index + 1, photos.length)} · {caption(photo)}
        </span>
        <span class={styles.viewerHint}>{r.photos.hint}</span>
        <div class={styles.viewerButtons}>
          <Button variant="ghost" onClick={() => zoom(0.8)} aria-label={r.photos.zoomOut}>
            −
          </Button>
          <span class={styles.zoomValue} data-testid="zoom">
            {Math.round(view.scale * 100)}%
          </span>
          <Button variant="ghost" onClick={() => zoom(1.25)} aria-label={r.photos.zoomIn}>
            +
          </Button>
          <Button variant="ghost" onClick={() => setView({ scale: 1, x: 0, y: 0 })}>
            {r.photos.fit}
          </Button>
          <Button variant="ghost" onClick={actualSize}>
            {r.photos.actual}
          </Button>
          {photos.length > 1 && (
            <>
              <Button variant="ghost" onClick={() => step(-1)} aria-label={r.photos.previous}>
                ‹
              </Button>
              <Button variant="ghost" onClick={() => step(1)} aria-label={r.photos.next}>
                ›
              </Button>
            </>
          )}
          <Button variant="ghost" onClick={() => dialog.current?.close()}>
            {r.photos.close}
          </Button>
        </div>
      </div>
      <div
        class={styles.viewerStage}
        onWheel={(event) => {
          event.preventDefault();
          zoom(event.deltaY < 0 ? 1.15 : 1 / 1.15);
        }}
        onPointerDown={(event) => {
          drag.current = { x: view.x, y: view.y, startX: event.clientX, startY: event.clientY };
          event.currentTarget.setPointerCapture(event.pointerId);
        }}
        onPointerMove={(event) => {
          const start = drag.current;
          if (start) setView((v) => ({ ...v, x: start.x + event.clientX - start.startX, y: start.y + event.clientY - start.startY }));
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
      >
        <img
          ref={image}
          src={photoUrl(photo.sha256)}
          alt={caption(photo)}
          draggable={false}
          style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
        />
      </div>
    </dialog>
  );
}
