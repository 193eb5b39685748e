// Evidence packs for a visit or a whole case: the original photos and recordings, the visit records,
// the review history and the complaints, with a manifest of SHA-256 hashes, so the evidence can
// stand in a dispute. Each pack made is audited.
import type { Readable } from 'node:stream';
import { maskIdNumber } from '../../shared/cases.js';
import type { SessionUser } from '../../shared/schemas/auth.js';
import { writeAudit } from '../audit/audit.repository.js';
import type { Database } from '../db/client.js';
import type { PhotoStore } from '../evidence/photo-store.js';
import { notFound } from '../http/errors.js';
import { type BufferEntry, evidenceZip, type PackedFile, type StoredEntry } from './evidence-zip.js';
import { assembleReview } from './visit-review.service.js';
import { findCaseForPack, findVisitForReview, visitIdsOfCase } from './visit-review.repository.js';

export interface EvidencePack {
  filename: string;
  sizeBytes: number;
  stream: Readable;
}

interface PackOptions {
  scopeTeam: string | null;
  photoStore: PhotoStore;
}

const extensions: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
};
const extensionOf = (contentType: string) => extensions[contentType.split(';')[0]?.trim() ?? ''] ?? 'bin';
const json = (value: unknown) => Buffer.from(`${JSON.stringify(value, null, 2)}\n`);

const readme = `证据包 · Evidence pack

manifest.json 列出包内每个文件的 SHA-256 与大小；SHA256SUMS 可直接校验：
  sha256sum -c SHA256SUMS
照片与录音为外访员手机上生成的原始文件，文件名即其 SHA-256（手机拍摄时计算，服务器收到时已核对）。

manifest.json lists every file in this pack with its SHA-256 and size; verify them all with
  sha256sum -c SHA256SUMS
Photos and recordings are the original files made on the collector's phone; each is named by its
SHA-256, computed on the phone when captured and checked by the server when it arrived.
`;

type Found = NonNullable<Awaited<ReturnType<typeof findVisitForReview>>>;

async function build(
  db: Database,
  user: SessionUser,
  subject: { type: 'visit' | 'case'; id: string },
  caseRow: NonNullable<Awaited<ReturnType<typeof findCaseForPack>>>,
  visits: Found[],
  store: PhotoStore,
): Promise<EvidencePack> {
  const at = new Date();
  const documents: BufferEntry[] = [{ path: 'README.txt', bytes: Buffer.from(readme) }];
  const stored: StoredEntry[] = [];
  const missing: { path: string; sha256: string; reason: string }[] = [];
  const { debtorIdNumber, ...caseFields } = caseRow;
  documents.push({
    path: 'case.json',
    bytes: json({ ...caseFields, debtorIdNumberMasked: maskIdNumber(debtorIdNumber), visitIds: visits.map((v) => v.visit.id) }),
  });
  for (const found of visits) {
    const { review, stored: files } = await assembleReview(db, user, found);
    const folder = `visits/${found.visit.id}`;
    const { review: decisions, complaints, mayDecide: _mayDecide, ...record } = review;
    documents.push({ path: `${folder}/visit.json`, bytes: json(record) });
    documents.push({ path: `${folder}/review-history.json`, bytes: json(decisions) });
    documents.push({ path: `${folder}/complaints.json`, bytes: json(complaints) });
    const media = [
      ...review.photos.map((p) => ({ sha256: p.sha256, kind: 'photos' })),
      ...review.audio.map((a) => ({ sha256: a.sha256, kind: 'audio' })),
    ];
    for (const { sha256, kind } of media) {
      const file = files.get(sha256);
      if (!file) {
        missing.push({ path: `${folder}/${kind}/${sha256}`, sha256, reason: 'not uploaded from the phone yet' });
        continue;
      }
      stored.push({
        path: `${folder}/${kind}/${sha256}.${extensionOf(file.contentType)}`,
        sha256,
        sizeBytes: file.sizeBytes,
        open: () => store.open(file.storageKey),
      });
    }
  }
  const manifestOf = (packed: PackedFile[]) => ({
    format: 'field-visits-evidence-pack/1',
    subject,
    generatedAt: at.toISOString(),
    generatedBy: { id: user.id, name: user.displayName, role: user.role },
    hashAlgorithm: 'SHA-256',
    files: packed,
    missing,
  });
  const zip = evidenceZip(documents, stored, manifestOf, at);
  await writeAudit(db, {
    actorUserId: user.id,
    actorRole: user.role,
    action: 'review.evidence_pack',
    subjectType: subject.type,
    subjectId: subject.id,
    detail: { visitIds: visits.map((v) => v.visit.id), files: zip.files.length, bytes: zip.sizeBytes, missing: missing.length },
  });
  const day = at.toISOString().slice(0, 10).replaceAll('-', '');
  return {
    filename: `evidence-${subject.type}-${caseRow.externalId.replace(/[^A-Za-z0-9_-]/g, '_')}-${day}.zip`,
    sizeBytes: zip.sizeBytes,
    stream: zip.stream,
  };
}

export async function visitEvidencePack(db: Database, user: SessionUser, visitId: string, options: PackOptions): Promise<EvidencePack> {
  const found = await findVisitForReview(db, visitId, options.scopeTeam);
  if (!found) throw notFound('Visit');
  const caseRow = await findCaseForPack(db, found.case.id);
  if (!caseRow) throw notFound('Case');
  return build(db, user, { type: 'visit', id: visitId }, caseRow, [found], options.photoStore);
}

/** Every visit of the case the viewer may see; with team scope, a case none of whose visits are the team's is not found. */
export async function caseEvidencePack(db: Database, user: SessionUser, caseId: string, options: PackOptions): Promise<EvidencePack> {
  const caseRow = await findCaseForPack(db, caseId);
  if (!caseRow) throw notFound('Case');
  const ids = await visitIdsOfCase(db, caseId, options.scopeTeam);
  if (ids.length === 0 && options.scopeTeam !== null) throw notFound('Case');
  const visits: Found[] = [];
  for (const id of ids) {
    const found = await findVisitForReview(db, id, options.scopeTeam);
    if (found) visits.push(found);
  }
  return build(db, user, { type: 'case', id: caseId }, caseRow, visits, options.photoStore);
}
