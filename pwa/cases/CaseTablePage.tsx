// Dispatchers and admins: every escalated case, filterable and sortable.
import { useI18n } from '../app/i18n/i18n.js';
import { CaseTable } from './CaseTable.js';

export function CaseTablePage({ search }: { search: string }) {
  const { t } = useI18n();
  return <CaseTable search={search} title={t.cases.allCases} hint={t.cases.allCasesHint} />;
}
