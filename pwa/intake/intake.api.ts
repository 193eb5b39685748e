// Case intake by file upload (dispatchers and admins); the server validates every row.
import type { CaseImportResult } from '../../shared/schemas/cases.js';
import { request } from '../app/api.js';

export function importCases(upload: { contentType: string; text: string }): Promise<CaseImportResult> {
  return request<CaseImportResult>('POST', '/api/cases/import', { rawBody: upload });
}
