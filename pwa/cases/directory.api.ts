// Reference lists for the staff views: collectors (names for assignments) and creditors (names for codes).
import type { CollectorSummary, CreditorSummary } from '../../shared/schemas/directory.js';
import { request } from '../app/api.js';

export interface Directory {
  collectors: CollectorSummary[];
  creditors: CreditorSummary[];
}

export async function fetchDirectory(signal?: AbortSignal): Promise<Directory> {
  const options = signal ? { signal } : {};
  const [collectors, creditors] = await Promise.all([
    request<CollectorSummary[]>('GET', '/api/collectors', options),
    request<CreditorSummary[]>('GET', '/api/creditors', options),
  ]);
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  return {
    collectors: [...collectors].sort((a, b) => collator.compare(a.username, b.username)),
    creditors: [...creditors].sort((a, b) => collator.compare(a.code, b.code)),
  };
}
