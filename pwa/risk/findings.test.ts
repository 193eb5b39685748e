import { describe, expect, it } from 'vitest';
import { formatMoney } from '../app/i18n/format.js';
import { en } from '../app/i18n/en.js';
import { zhCN } from '../app/i18n/zh-CN.js';
import { describeFinding } from './findings.js';
import { riskEn } from './i18n/en.js';
import { riskZhCN } from './i18n/zh-CN.js';

const zh = (f: Parameters<typeof describeFinding>[0]) => describeFinding(f, riskZhCN, zhCN, (fen) => formatMoney(fen, 'zh-CN'));
const english = (f: Parameters<typeof describeFinding>[0]) => describeFinding(f, riskEn, en, (fen) => formatMoney(fen, 'en'));

describe('a signal’s findings in words', () => {
  it('in zh-CN, with the outcome, who said it, amounts in yuan', () => {
    expect(zh({ kind: 'outcome', outcome: 'moved_away', metPerson: 'neighbour' })).toBe('外访结果：已搬走（邻居告知）');
    expect(zh({ kind: 'outcome', outcome: 'claims_fraud', metPerson: 'debtor' })).toBe('外访结果：声称被冒名办理');
    expect(zh({ kind: 'words', word: '威胁' })).toBe('外访记录中提到「威胁」');
    expect(zh({ kind: 'health', health: 'serious_illness' })).toBe('健康状况：重病');
    expect(zh({ kind: 'promise', amount: 50_000, dueDate: '2026-12-05', outstanding: 1_000_000, settlement: true })).toMatch(
      /^承诺 2026-12-05 前还款 ¥500\.00，低于欠款总额 ¥10,000\.00/,
    );
    expect(zh({ kind: 'brokenPromise', amount: null, dueDate: '2026-12-05' })).toBe('承诺还款已过还款日 2026-12-05，未见还款记录');
  });

  it('in English', () => {
    expect(english({ kind: 'payment', amount: 30_000, outstanding: 1_000_000, channel: 'bank app', reference: 'APP-1' })).toBe(
      'Paid ¥300.00 of ¥10,000.00 through bank app (reference APP-1); confirm it, the case stays open',
    );
    expect(english({ kind: 'dependants', dependants: 3 })).toBe('Unemployed with 3 dependants');
  });
});
