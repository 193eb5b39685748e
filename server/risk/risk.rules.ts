// Risk rules (风控) in one place, as data: each signal type lists the checks that raise it from a
// recorded visit; a signal takes the gravest matching check's severity and every match's reason.
// Pure: the push computes signals in memory and writes them with the visit.
import { formatYuan } from '../../shared/money.js';
import type { AbilityWillingness, MetPerson, Outcome } from '../../shared/outcomes.js';
import { type RiskLevel, riskLevels, type RiskSeverity, type RiskSignalType, severityRank } from '../../shared/risk.js';
import type { RiskFinding } from '../../shared/schemas/risk.js';
import type { FamilySituation } from '../../shared/schemas/sync.js';
import { zonedInstant } from '../../shared/zoned-time.js';

type HealthStatus = NonNullable<FamilySituation['health']>;

/** What the rules read of one recorded visit. */
export interface VisitFacts {
  outcome: Outcome;
  metPerson: MetPerson | null;
  abilityWillingness: AbilityWillingness | null;
  familySituation: FamilySituation | null;
  notes: string | null;
  thirdPartyStatement: string | null;
  promise: { amount: number; dueDate: string; kind: 'promise' | 'settlement_requested' } | null;
  payment: { amount: number; reference: string; channel: string } | null;
  /** The collector recorded a new address for the case with this visit. */
  newAddress: boolean;
  totalOutstanding: number;
}

/** The thresholds and word lists; `defaultRiskRules` is what the server runs with. */
export interface RiskRules {
  /** Words in the visit's notes that mark the address hostile or unsafe (matched case-insensitively). */
  unsafeWords: readonly string[];
  hardshipWords: readonly string[];
  fraudWords: readonly string[];
  /** Health that makes the debtor vulnerable: collection pauses for review. */
  vulnerableHealth: readonly HealthStatus[];
  /** An unemployed household with at least this many dependants is in hardship. */
  hardshipDependants: number;
  /** Whole days after the due date before a promise without payment counts as broken. */
  promiseGraceDays: number;
  /** The case's level from the debtor's ability and willingness to pay (有能力有意愿 …); null: not assessed. */
  levelByAbilityWillingness: Record<AbilityWillingness | 'unknown', RiskLevel>;
  /** Signals that lift the case's level to at least this. */
  levelFloorBySignal: Partial<Record<RiskSignalType, RiskLevel>>;
}

export const defaultRiskRules: RiskRules = {
  unsafeWords: [
    '威胁',
    '恐吓',
    '辱骂',
    '殴打',
    '打人',
    '动手',
    '持刀',
    '刀具',
    '恶狗',
    '放狗',
    '驱赶',
    '扣留',
    'threat',
    'violent',
    'weapon',
    'assault',
  ],
  hardshipWords: ['重病', '住院', '癌', '残疾', '低保', '去世', '病故', '怀孕', '精神疾病', '无力偿还', 'hospital', 'terminal', 'bereave'],
  fraudWords: ['冒办', '冒用', '盗用', '冒名', '非本人办理', '不是本人办', 'identity theft', 'fraudulent'],
  vulnerableHealth: ['serious_illness', 'disability'],
  hardshipDependants: 3,
  promiseGraceDays: 0,
  levelByAbilityWillingness: {
    able_willing: 'low',
    unable_willing: 'medium',
    able_unwilling: 'high',
    unable_unwilling: 'high',
    unknown: 'medium',
  },
  levelFloorBySignal: { unsafe: 'high', fraud_claim: 'high', promise_broken: 'high', hardship: 'medium', address_invalid: 'medium' },
};

export interface RaisedSignal {
  type: RiskSignalType;
  severity: RiskSeverity;
  reason: string;
  /** The facts behind the reason, for the app to word in the reader's language. */
  findings: RiskFinding[];
  /** A promise's due date. */
  dueOn: string | null;
}

type Finding = { severity: RiskSeverity; reason: string; facts: RiskFinding[]; dueOn?: string } | null;
type Check = (facts: VisitFacts, rules: RiskRules) => Finding;

function spokenWords(facts: VisitFacts): string {
  return [facts.notes, facts.thirdPartyStatement, facts.familySituation?.notes].filter(Boolean).join('\n').toLowerCase();
}

/** The first listed word the visit's notes mention, as a check's finding. */
const mentions =
  (words: (rules: RiskRules) => readonly string[], severity: RiskSeverity, meaning: string): Check =>
  (facts, rules) => {
    const text = spokenWords(facts);
    const word = words(rules).find((w) => w.length > 0 && text.includes(w.toLowerCase()));
    return word === undefined ? null : { severity, reason: `The notes mention “${word}” (${meaning}).`, facts: [{ kind: 'words', word }] };
  };

const outcomeIs =
  (outcome: Outcome, severity: RiskSeverity, reason: string): Check =>
  (facts) =>
    facts.outcome === outcome ? { severity, reason, facts: [{ kind: 'outcome', outcome, metPerson: facts.metPerson }] } : null;

const label = (value: string) => value.replace(/_/g, ' ');

/** The rule table: every way each signal can be raised by a visit. */
export const visitRules: Record<Exclude<RiskSignalType, 'promise_broken'>, Check[]> = {
  address_invalid: [
    (facts) =>
      facts.outcome === 'moved_away'
        ? facts.newAddress
          ? {
              severity: 'low',
              reason: 'The debtor has moved away; the collector recorded a new address to verify.',
              facts: [{ kind: 'outcome', outcome: 'moved_away', metPerson: facts.metPerson }, { kind: 'newAddress' }],
            }
          : {
              severity: 'medium',
              reason: `The debtor has moved away${facts.metPerson && facts.metPerson !== 'nobody' ? ` (said by the ${label(facts.metPerson)})` : ''}; skip-tracing needed.`,
              facts: [{ kind: 'outcome', outcome: 'moved_away', metPerson: facts.metPerson }],
            }
        : null,
    outcomeIs('address_not_found', 'medium', 'The address could not be found; skip-tracing needed.'),
  ],
  unsafe: [mentions((rules) => rules.unsafeWords, 'high', 'hostile or unsafe: the next visit goes with two people')],
  hardship: [
    outcomeIs('hardship', 'medium', 'The outcome is hardship: pause collection and review.'),
    (facts, rules) => {
      const health = facts.familySituation?.health;
      return health && rules.vulnerableHealth.includes(health)
        ? {
            severity: 'high',
            reason: `The debtor is vulnerable (${label(health)}): pause collection and review.`,
            facts: [{ kind: 'health', health }],
          }
        : null;
    },
    (facts, rules) => {
      const family = facts.familySituation;
      const dependants = family?.dependants ?? 0;
      return family?.employment === 'unemployed' && dependants >= rules.hardshipDependants
        ? { severity: 'medium', reason: `Unemployed with ${dependants} dependants.`, facts: [{ kind: 'dependants', dependants }] }
        : null;
    },
    mentions((rules) => rules.hardshipWords, 'medium', 'hardship or vulnerability'),
  ],
  fraud_claim: [
    outcomeIs(
      'claims_fraud',
      'high',
      'The debtor says the account was opened fraudulently in their name (冒办): start the fraud workflow.',
    ),
    mentions((rules) => rules.fraudWords, 'high', 'a claim of fraudulent opening'),
  ],
  promise_made: [
    (facts) => {
      const promise = facts.promise;
      if (!promise) return null;
      const settlement = promise.kind === 'settlement_requested';
      const found: RiskFinding[] = [
        { kind: 'promise', amount: promise.amount, dueDate: promise.dueDate, outstanding: facts.totalOutstanding, settlement },
      ];
      return settlement
        ? {
            severity: 'medium',
            dueOn: promise.dueDate,
            reason: `Promised ${formatYuan(promise.amount)} by ${promise.dueDate}, less than the ${formatYuan(facts.totalOutstanding)} outstanding: a settlement request awaiting approval.`,
            facts: found,
          }
        : {
            severity: 'low',
            dueOn: promise.dueDate,
            reason: `Promised ${formatYuan(promise.amount)} by ${promise.dueDate}: watch the date.`,
            facts: found,
          };
    },
  ],
  paid: [
    (facts) => {
      const payment = facts.payment;
      if (!payment) return null;
      const where = `through ${payment.channel} (reference ${payment.reference})`;
      const found: RiskFinding[] = [
        {
          kind: 'payment',
          amount: payment.amount,
          outstanding: facts.totalOutstanding,
          channel: payment.channel,
          reference: payment.reference,
        },
      ];
      return payment.amount >= facts.totalOutstanding
        ? { severity: 'info', reason: `Paid ${formatYuan(payment.amount)} in full ${where}: close the case once confirmed.`, facts: found }
        : {
            severity: 'low',
            reason: `Paid ${formatYuan(payment.amount)} of ${formatYuan(facts.totalOutstanding)} ${where}: confirm it; the case stays open.`,
            facts: found,
          };
    },
  ],
};

/** Every signal one recorded visit raises, at most one per type. */
export function signalsFor(facts: VisitFacts, rules: RiskRules = defaultRiskRules): RaisedSignal[] {
  const raised: RaisedSignal[] = [];
  for (const [type, checks] of Object.entries(visitRules) as [RaisedSignal['type'], Check[]][]) {
    const findings = checks.map((check) => check(facts, rules)).filter((finding) => finding !== null);
    if (findings.length === 0) continue;
    const gravest = findings.reduce((a, b) => (severityRank(b.severity) > severityRank(a.severity) ? b : a));
    raised.push({
      type,
      severity: gravest.severity,
      reason: findings.map((f) => f.reason).join(' '),
      findings: findings.flatMap((f) => f.facts),
      dueOn: findings.find((f) => f.dueOn)?.dueOn ?? null,
    });
  }
  return raised;
}

const higher = (a: RiskLevel, b: RiskLevel): RiskLevel => (riskLevels.indexOf(b) > riskLevels.indexOf(a) ? b : a);

/** The case's level after this visit: its ability and willingness, lifted by what it raised; a full payment lowers it. */
export function caseRiskLevel(facts: VisitFacts, raised: readonly RaisedSignal[], rules: RiskRules = defaultRiskRules): RiskLevel {
  if (facts.payment && facts.payment.amount >= facts.totalOutstanding) return 'low';
  let level = rules.levelByAbilityWillingness[facts.abilityWillingness ?? 'unknown'];
  for (const signal of raised) level = higher(level, rules.levelFloorBySignal[signal.type] ?? level);
  return level;
}

function nextDate(isoDate: string, days: number): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** A promise without payment is broken once its due date (and the grace days) has ended in the case's zone. */
export function isPromiseBroken(dueOn: string, timeZone: string, now: Date, rules: RiskRules = defaultRiskRules): boolean {
  return now.getTime() >= zonedInstant(nextDate(dueOn, 1 + rules.promiseGraceDays), 0, timeZone).getTime();
}

export function brokenPromise(dueOn: string, amount: number | null): RaisedSignal {
  const what = amount === null ? 'The promise' : `The promise of ${formatYuan(amount)}`;
  return {
    type: 'promise_broken',
    severity: 'high',
    dueOn,
    reason: `${what} due ${dueOn} passed without a recorded payment: re-escalate the case.`,
    findings: [{ kind: 'brokenPromise', amount, dueDate: dueOn }],
  };
}
