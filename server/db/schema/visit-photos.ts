import { doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { visits } from './visits.js';

/** The photos a visit says it took; the bytes arrive apart (see photos). */
export const visitPhotos = pgTable(
  'visit_photos',
  {
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true, precision: 3 }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    accuracyM: doublePrecision('accuracy_m'),
    caption: text('caption'),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.sha256] }), index('visit_photos_sha256_idx').on(t.sha256)],
);
