import { pgTable, text } from 'drizzle-orm/pg-core';
import { instant } from './columns.js';

/**
 * Stored photo and audio files whose rows the retention job deleted: the file goes after the rows'
 * transaction commits, and a file left by a crash in between is removed on the next run.
 */
export const retentionPurgedFiles = pgTable('retention_purged_files', {
  storageKey: text('storage_key').primaryKey(),
  sha256: text('sha256').notNull(),
  queuedAt: instant('queued_at').notNull().defaultNow(),
});
