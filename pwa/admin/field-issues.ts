// Maps the server's validation issues ("body.username: …") onto the form fields they are about.
import { ApiRequestError } from '../app/api.js';

export function fieldIssues<K extends string>(error: unknown, fields: readonly K[]): Partial<Record<K, string>> {
  const found: Partial<Record<K, string>> = {};
  if (!(error instanceof ApiRequestError) || !error.issues) return found;
  for (const issue of error.issues) {
    const name = issue.path.split('.').filter((part) => part !== 'body')[0];
    const field = fields.find((candidate) => candidate === name);
    if (field && found[field] === undefined) found[field] = issue.message;
  }
  return found;
}
