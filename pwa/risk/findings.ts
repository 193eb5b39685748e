// A signal's findings worded in the reader's language (the server's `reason` is English).
import type { RiskFinding } from '../../shared/schemas/risk.js';
import type { Messages } from '../app/i18n/zh-CN.js';
import type { RiskMessages } from './i18n/zh-CN.js';

export function describeFinding(finding: RiskFinding, r: RiskMessages, t: Messages, money: (fen: number) => string): string {
  switch (finding.kind) {
    case 'outcome':
      return r.findings.outcome(
        t.collector.outcome[finding.outcome],
        finding.metPerson && finding.metPerson !== 'nobody' && finding.metPerson !== 'debtor'
          ? t.collector.metPerson[finding.metPerson]
          : null,
      );
    case 'newAddress':
      return r.findings.newAddress;
    case 'words':
      return r.findings.words(finding.word);
    case 'health':
      return r.findings.health((t.collector.health as Record<string, string>)[finding.health] ?? finding.health);
    case 'dependants':
      return r.findings.dependants(finding.dependants);
    case 'promise':
      return finding.settlement
        ? r.findings.settlement(money(finding.amount), finding.dueDate, money(finding.outstanding))
        : r.findings.promise(money(finding.amount), finding.dueDate);
    case 'payment':
      return finding.amount >= finding.outstanding
        ? r.findings.paidFull(money(finding.amount), finding.channel, finding.reference)
        : r.findings.paidPart(money(finding.amount), money(finding.outstanding), finding.channel, finding.reference);
    case 'brokenPromise':
      return r.findings.broken(finding.amount === null ? null : money(finding.amount), finding.dueDate);
  }
}
