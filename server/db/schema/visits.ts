import { sql } from 'drizzle-orm';
import { bigint, check, date, doublePrecision, index, integer, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import type { EvidenceFlag } from '../../../shared/schemas/evidence.js';
import type { FamilySituation, VisitAudio } from '../../../shared/schemas/sync.js';
import { caseAddresses } from './case-addresses.js';
import { cases } from './cases.js';
import { users } from './users.js';
import { instant } from './columns.js';

/** A visit as the device recorded it: device times beside the server's receive times. */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    addressId: uuid('address_id')
      .notNull()
      .references(() => caseAddresses.id),
    collectorId: uuid('collector_id')
      .notNull()
      .references(() => users.id),
    checkedInAt: instant('checked_in_at'),
    checkInReceivedAt: instant('check_in_received_at'),
    checkInLat: doublePrecision('check_in_lat'),
    checkInLng: doublePrecision('check_in_lng'),
    checkInAccuracyM: doublePrecision('check_in_accuracy_m'),
    checkInDistanceM: doublePrecision('check_in_distance_m'),
    recordedAt: instant('recorded_at'),
    recordReceivedAt: instant('record_received_at'),
    outcome: text('outcome'),
    metPerson: text('met_person'),
    thirdPartyStatement: text('third_party_statement'),
    abilityWillingness: text('ability_willingness'),
    familySituation: jsonb('family_situation').$type<FamilySituation>(),
    notes: text('notes'),
    newPhone: text('new_phone'),
    promiseAmount: bigint('promise_amount', { mode: 'number' }),
    promiseDueDate: date('promise_due_date'),
    /** promise: the full outstanding; settlement_requested: less, awaiting a supervisor. */
    promiseKind: text('promise_kind', { enum: ['promise', 'settlement_requested'] }),
    paymentAmount: bigint('payment_amount', { mode: 'number' }),
    paymentReference: text('payment_reference'),
    paymentChannel: text('payment_channel'),
    checkedOutAt: instant('checked_out_at'),
    checkOutReceivedAt: instant('check_out_received_at'),
    checkOutLat: doublePrecision('check_out_lat'),
    checkOutLng: doublePrecision('check_out_lng'),
    deviceClockSkewS: doublePrecision('device_clock_skew_s'),
    expectedPhotos: integer('expected_photos').notNull().default(0),
    /** The pieces of the visit's audio recording the device announced (bytes in photos, by hash); null: none. */
    audio: jsonb('audio').$type<VisitAudio[]>(),
    evidenceFlags: jsonb('evidence_flags').$type<EvidenceFlag[]>().notNull().default([]),
    evidenceScore: integer('evidence_score').notNull().default(0),
    createdAt: instant('created_at').notNull().defaultNow(),
    updatedAt: instant('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('visits_case_idx').on(t.caseId),
    index('visits_collector_check_in_idx').on(t.collectorId, t.checkedInAt),
    // The review queue, most suspicious first. The columns after (score, id) change no order (id is
    // unique); they are there so the queue's filters read from the index itself and a page is an
    // index-only walk that stops at the page's end, whatever the filters (drizzle has no INCLUDE).
    index('visits_queue_idx').on(t.evidenceScore, t.id, t.outcome, t.collectorId, t.checkedInAt, t.recordedAt),
    // The review queue of one collector without walking everyone's visits.
    index('visits_collector_evidence_idx').on(t.collectorId, t.evidenceScore, t.id),
    // Team results: a collector's visits by the time that dates them (results rollup refresh), and
    // the payments that keep a case's promises.
    index('visits_collector_visited_idx').on(t.collectorId, sql`coalesce(${t.checkedInAt}, ${t.recordedAt}, ${t.checkedOutAt})`),
    index('visits_paid_case_idx').on(t.caseId).where(sql`${t.outcome} = 'paid_official_channel'`),
    // Visits still on site, for the supervisors' overdue-visit alert.
    index('visits_on_site_idx').on(t.checkedInAt).where(sql`${t.checkedOutAt} is null and ${t.checkedInAt} is not null`),
    check('visits_amounts_check', sql`coalesce(${t.promiseAmount}, 1) > 0 and coalesce(${t.paymentAmount}, 1) > 0`),
  ],
);
