// Supervisors: a read-only overview of the cases for now; evidence review joins here in a later issue.
import { useI18n } from '../app/i18n/i18n.js';
import { CaseTable } from '../cases/CaseTable.js';

export function SupervisorOverviewPage({ search }: { search: string }) {
  const { t } = useI18n();
  return <CaseTable search={search} title={t.cases.overviewTitle} hint={t.cases.overviewHint} />;
}
