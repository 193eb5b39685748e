// User administration calls (admin only on the server).
import type { CreateUserRequest, UpdateUserRequest, UserSummary } from '../../shared/schemas/users.js';
import { request } from '../app/api.js';

export function fetchUsers(signal?: AbortSignal): Promise<UserSummary[]> {
  return request<UserSummary[]>('GET', '/api/users', signal ? { signal } : {});
}

export function createUser(input: CreateUserRequest): Promise<UserSummary> {
  return request<UserSummary>('POST', '/api/users', { body: input });
}

export function updateUser(id: string, changes: UpdateUserRequest): Promise<UserSummary> {
  return request<UserSummary>('PATCH', `/api/users/${encodeURIComponent(id)}`, { body: changes });
}
