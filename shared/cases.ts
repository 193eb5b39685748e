// Domain vocabulary of a case, shared by intake, the PWA and reports.
export const products = ['credit_card', 'consumer_instalment', 'cash_loan'] as const;
export type Product = (typeof products)[number];

export const caseStatuses = ['received', 'assigned', 'visited', 'closed', 'returned'] as const;
export type CaseStatus = (typeof caseStatuses)[number];

export const buckets = ['M1', 'M2', 'M3+'] as const;
export type Bucket = (typeof buckets)[number];

export const escalationReasons = ['unreachable', 'broken_promise', 'refused', 'high_balance', 'other'] as const;
export type EscalationReason = (typeof escalationReasons)[number];

export const addressKinds = ['home', 'work', 'other'] as const;
export type AddressKind = (typeof addressKinds)[number];

export const caseSortFields = ['priority', 'daysPastDue', 'totalOutstanding', 'receivedAt', 'debtorName'] as const;
export type CaseSortField = (typeof caseSortFields)[number];

export const noteChannels = ['phone', 'sms', 'letter', 'visit', 'other'] as const;

/** Bucket by days past due: M1 up to 30 days, M2 up to 60, then M3+. */
export function bucketFor(daysPastDue: number): Bucket {
  if (daysPastDue <= 30) return 'M1';
  if (daysPastDue <= 60) return 'M2';
  return 'M3+';
}

/** Show an identity number as the industry does: region prefix and last four only. */
export function maskIdNumber(idNumber: string): string {
  if (idNumber.length <= 7) return '*'.repeat(idNumber.length);
  return idNumber.slice(0, 3) + '*'.repeat(idNumber.length - 7) + idNumber.slice(-4);
}
