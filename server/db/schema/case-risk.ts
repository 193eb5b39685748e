import { pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { abilityWillingness } from '../../../shared/outcomes.js';
import { riskLevels } from '../../../shared/risk.js';
import { cases } from './cases.js';
import { visits } from './visits.js';
import { instant } from './columns.js';

/**
 * A case's risk level as of its latest recorded visit (server/risk/risk.rules.ts). Apart from
 * `cases` so that assessing a visit does not touch the case row (whose trigger makes every
 * device holding it pull again).
 */
export const caseRisk = pgTable('case_risk', {
  caseId: uuid('case_id')
    .primaryKey()
    .references(() => cases.id),
  level: text('level', { enum: riskLevels }).notNull(),
  abilityWillingness: text('ability_willingness', { enum: abilityWillingness }),
  visitId: uuid('visit_id')
    .notNull()
    .references(() => visits.id),
  /** The visit's record time: an older visit synced late never overrides a newer assessment. */
  assessedAt: instant('assessed_at').notNull(),
  updatedAt: instant('updated_at').notNull().defaultNow(),
});
