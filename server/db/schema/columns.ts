import { timestamp } from 'drizzle-orm/pg-core';

/** A UTC instant with the millisecond precision of a JavaScript Date (so cursors match rows exactly). */
export const instant = (name: string) => timestamp(name, { withTimezone: true, precision: 3 });
