// How a case's bucket, status and priority look wherever they appear.
import type { Bucket, CaseStatus } from '../../shared/cases.js';
import { useI18n } from '../app/i18n/i18n.js';
import { Badge, type BadgeTone } from '../app/ui/ui.js';

const bucketTones: Record<Bucket, BadgeTone> = { M1: 'amber', M2: 'orange', 'M3+': 'red' };
const statusTones: Record<CaseStatus, BadgeTone> = {
  received: 'neutral',
  assigned: 'blue',
  visited: 'green',
  closed: 'neutral',
  returned: 'neutral',
};

export function BucketBadge({ bucket }: { bucket: Bucket }) {
  const { t } = useI18n();
  return <Badge tone={bucketTones[bucket]}>{t.bucket[bucket]}</Badge>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  const { t } = useI18n();
  return <Badge tone={statusTones[status]}>{t.status[status]}</Badge>;
}

export function PriorityBadge({ priority }: { priority: number }) {
  const { t } = useI18n();
  const tone: BadgeTone = priority >= 5 ? 'red' : priority >= 4 ? 'orange' : priority >= 3 ? 'blue' : 'neutral';
  return (
    <Badge tone={tone} title={t.cases.priority}>
      {t.cases.priorityValue(priority)}
    </Badge>
  );
}
