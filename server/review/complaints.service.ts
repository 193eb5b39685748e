// Complaints (投诉): recorded against a visit or a collector, assigned to a supervisor, moved
// forward only (open → investigating → resolved with the resolution), every step audited.
import type { SessionUser } from '../../shared/schemas/auth.js';
import type {
  Complaint,
  ComplaintListQuery,
  ComplaintListResponse,
  CreateComplaintRequest,
  UpdateComplaintRequest,
} from '../../shared/schemas/complaints.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/client.js';
import { DomainError, notFound } from '../http/errors.js';
import { newId } from '../ids.js';
import {
  assignableSupervisors,
  type ComplaintRow,
  findCollectorInScope,
  findComplaint,
  insertComplaint,
  listComplaints,
  updateComplaint,
} from './complaints.repository.js';
import { findVisitForReview } from './visit-review.repository.js';

const iso = (at: Date | null) => at?.toISOString() ?? null;
const personOf = (id: string | null, name: string | null) => (id !== null && name !== null ? { id, name } : null);

export function toComplaint(row: ComplaintRow): Complaint {
  const c = row.complaint;
  return {
    id: c.id,
    visitId: c.visitId,
    caseId: c.caseId,
    collector: { id: c.collectorId, name: row.collectorName },
    source: c.source,
    channel: c.channel,
    body: c.body,
    receivedAt: c.receivedAt.toISOString(),
    recordedBy: { id: c.recordedBy, name: row.recorderName },
    assignee: personOf(c.assigneeId, row.assigneeName),
    status: c.status,
    resolution: c.resolution,
    resolvedAt: iso(c.resolvedAt),
    resolvedBy: personOf(c.resolvedBy, row.resolverName),
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

async function requireAssignable(db: Database, assigneeId: string, scopeTeam: string | null): Promise<void> {
  const [found] = await assignableSupervisors(db, scopeTeam, assigneeId);
  if (!found)
    throw new DomainError(
      422,
      'Complaints are assigned to an active supervisor (of your team, when teams are separated). Choose one from the list.',
    );
}

export async function createComplaint(
  db: Database,
  user: SessionUser,
  body: CreateComplaintRequest,
  scopeTeam: string | null,
): Promise<Complaint> {
  let about: { collectorId: string; caseId: string | null; visitId: string | null };
  if (body.visitId !== undefined) {
    const visit = await findVisitForReview(db, body.visitId, scopeTeam);
    if (!visit) throw notFound('Visit');
    if (body.collectorId !== undefined && body.collectorId !== visit.visit.collectorId) {
      throw new DomainError(400, 'That visit was made by another collector. Send the visit alone, or the collector alone.');
    }
    about = { collectorId: visit.visit.collectorId, caseId: visit.visit.caseId, visitId: visit.visit.id };
  } else {
    const collector = await findCollectorInScope(db, body.collectorId!, scopeTeam);
    if (!collector) throw notFound('Collector');
    about = { collectorId: collector.id, caseId: null, visitId: null };
  }
  const receivedAt = body.receivedAt === undefined ? new Date() : new Date(body.receivedAt);
  if (receivedAt.getTime() > Date.now() + 5 * 60_000)
    throw new DomainError(400, 'receivedAt is in the future. Give the time the complaint came in.');
  if (body.assigneeId !== undefined) await requireAssignable(db, body.assigneeId, scopeTeam);
  const id = newId();
  await db.transaction(async (tx) => {
    await insertComplaint(tx, {
      id,
      ...about,
      source: body.source,
      channel: body.channel,
      body: body.body,
      receivedAt,
      recordedBy: user.id,
      assigneeId: body.assigneeId ?? null,
    });
    await writeAudit(tx, {
      actorUserId: user.id,
      actorRole: user.role,
      action: 'complaint.create',
      subjectType: 'complaint',
      subjectId: id,
      detail: { ...about, source: body.source, channel: body.channel, assigneeId: body.assigneeId ?? null },
    });
  });
  return toComplaint((await findComplaint(db, id, null))!);
}

export async function searchComplaints(
  db: Database,
  user: SessionUser,
  query: ComplaintListQuery,
  scopeTeam: string | null,
): Promise<ComplaintListResponse> {
  if (query.cursor !== undefined && !/^[0-9a-f-]{36}$/i.test(query.cursor))
    throw new DomainError(400, 'The cursor is not one this server gave out. Start again from the first page.');
  const rows = await listComplaints(
    db,
    {
      scopeTeam,
      statuses: query.status,
      visitId: query.visitId,
      collectorId: query.collectorId,
      assigneeId: query.assigneeId === 'me' ? user.id : query.assigneeId,
      before: query.cursor,
    },
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  return { complaints: page.map(toComplaint), nextCursor: rows.length > query.limit ? (page.at(-1)?.complaint.id ?? null) : null };
}

export async function readComplaint(db: Database, id: string, scopeTeam: string | null): Promise<Complaint> {
  const row = await findComplaint(db, id, scopeTeam);
  if (!row) throw notFound('Complaint');
  return toComplaint(row);
}

export async function changeComplaint(
  db: Database,
  user: SessionUser,
  id: string,
  body: UpdateComplaintRequest,
  scopeTeam: string | null,
): Promise<Complaint> {
  const row = await findComplaint(db, id, scopeTeam);
  if (!row) throw notFound('Complaint');
  const current = row.complaint;
  if (current.status === 'resolved')
    throw new DomainError(409, 'This complaint is resolved and stays as it was closed. Record a new complaint if the matter comes back.');
  if (body.assigneeId !== undefined) await requireAssignable(db, body.assigneeId, scopeTeam);
  const assigneeId = body.assigneeId ?? current.assigneeId;
  if (body.status === 'investigating') {
    if (current.status !== 'open') throw new DomainError(409, 'This complaint is already being investigated.');
    if (assigneeId === null) throw new DomainError(422, 'Assign the complaint to a supervisor before the investigation starts.');
  }
  if (body.status === 'resolved' && current.status !== 'investigating') {
    throw new DomainError(409, 'Investigate before resolving: move the complaint to investigating first.');
  }
  const resolved = body.status === 'resolved' ? { resolution: body.resolution ?? null, resolvedAt: new Date(), resolvedBy: user.id } : {};
  await db.transaction(async (tx) => {
    const applied = await updateComplaint(tx, id, current.status, {
      assigneeId,
      ...(body.status ? { status: body.status } : {}),
      ...resolved,
    });
    if (!applied) throw new DomainError(409, 'Someone changed this complaint a moment ago. Reload it and try again.');
    await writeAudit(tx, {
      actorUserId: user.id,
      actorRole: user.role,
      action: 'complaint.update',
      subjectType: 'complaint',
      subjectId: id,
      detail: {
        from: current.status,
        to: body.status ?? current.status,
        assigneeId,
        ...(body.resolution ? { resolution: body.resolution } : {}),
      },
    });
  });
  return readComplaint(db, id, null);
}
