// Shape checks of the server's answers, by hand: enough to tell a sync answer from something else
// (a captive portal's page, a proxy's error) without loading the schemas' zod on the device. The
// server builds these answers from the shared schemas, so their types are the contract.
import type { PullResponse, PushResponse, VisitPhotoStatus } from '../../shared/schemas/sync.js';
import { syncProtocolVersion } from '../../shared/sync-limits.js';

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
const isArrayOf = (value: unknown, item: (entry: unknown) => boolean): boolean => Array.isArray(value) && value.every(item);
const isString = (value: unknown): value is string => typeof value === 'string';
const statuses: readonly unknown[] = ['applied', 'rejected', 'conflict'];

export function isPushResponse(value: unknown): value is PushResponse {
  return (
    isObject(value) &&
    value.protocolVersion === syncProtocolVersion &&
    isString(value.serverTime) &&
    isArrayOf(value.results, (result) => isObject(result) && isString(result.id) && statuses.includes(result.status))
  );
}

export function isPullResponse(value: unknown): value is PullResponse {
  return (
    isObject(value) &&
    value.protocolVersion === syncProtocolVersion &&
    isString(value.cursor) &&
    typeof value.hasMore === 'boolean' &&
    typeof value.snapshot === 'boolean' &&
    isArrayOf(value.cases, (detail) => isObject(detail) && isString(detail.id)) &&
    isArrayOf(value.removedCaseIds, isString) &&
    (value.route === null || isObject(value.route)) &&
    isObject(value.settings)
  );
}

const isFileTally = (value: unknown) => isObject(value) && isArrayOf(value.missing, isString);

export function isPhotoStatusResponse(value: unknown): value is { visits: VisitPhotoStatus[] } {
  return (
    isObject(value) &&
    isArrayOf(value.visits, (visit) => isObject(visit) && isString(visit.visitId) && isFileTally(visit) && isFileTally(visit.audio))
  );
}
