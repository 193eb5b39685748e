import { sql } from 'drizzle-orm';
import { check, customType, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './users.js';

// PGlite hands bytea back as a Uint8Array, pg as a Buffer: one type for both.
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

// Only the SHA-256 of a session token is stored, so a database leak yields no usable token.
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, precision: 3 }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, precision: 3 }),
    userAgent: text('user_agent'),
    /**
     * The key this session's device encrypts its debtor data with (AES-256-GCM), made on first request.
     * Cleared by a trigger when the session is revoked (migration 0019), so an ended session's device
     * can never be given it again.
     */
    deviceKey: bytea('device_key'),
  },
  (t) => [
    index('sessions_user_idx').on(t.userId),
    check('sessions_revoked_without_device_key', sql`${t.revokedAt} is null or ${t.deviceKey} is null`),
  ],
);
