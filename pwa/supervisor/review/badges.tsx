// How a visit's risk, review status and anomalies look wherever they appear.
import type { EvidenceCode } from '../../../shared/schemas/evidence.js';
import type { ReviewStatus, RiskLevel } from '../../../shared/schemas/review.js';
import { Badge, type BadgeTone } from '../../app/ui/ui.js';
import { useReviewText } from '../i18n/useReviewText.js';

const riskTones: Record<RiskLevel, BadgeTone> = { none: 'green', info: 'blue', warning: 'amber', high: 'red' };
const statusTones: Record<ReviewStatus, BadgeTone> = { pending: 'blue', accepted: 'green', rejected: 'red', revisit: 'orange' };
const severityTones = { info: 'blue', warning: 'amber', high: 'red' } as const;

export function RiskBadge({ risk }: { risk: RiskLevel }) {
  const r = useReviewText();
  return <Badge tone={riskTones[risk]}>{r.risk[risk]}</Badge>;
}

export function ReviewStatusBadge({ status }: { status: ReviewStatus }) {
  const r = useReviewText();
  return <Badge tone={statusTones[status]}>{r.status[status]}</Badge>;
}

export function FlagBadge({ code, severity }: { code: EvidenceCode; severity: keyof typeof severityTones }) {
  const r = useReviewText();
  return <Badge tone={severityTones[severity]}>{r.flag[code]}</Badge>;
}
