import type { Executor } from '../db/client.js';
import { creditors } from '../db/schema/index.js';

export type NewCreditor = typeof creditors.$inferInsert;

export async function insertCreditor(db: Executor, creditor: NewCreditor) {
  const [row] = await db.insert(creditors).values(creditor).returning();
  return row!;
}
