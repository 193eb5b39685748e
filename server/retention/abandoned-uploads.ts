// Uploads started and never finished (a phone lost, a photo deleted before it synced) sit in the
// uploads folder with an info file naming the uploader and the visit; past their period both go. The
// tus FileStore's own sweep reads the wall clock, and the job is judged at a given `now`.
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

interface UploadInfo {
  creation_date?: string;
}

/** Removes every upload in `directory` created before `cutoff` (and info files left without bytes); answers how many. */
export async function removeAbandonedUploads(directory: string, cutoff: Date): Promise<number> {
  const names = await readdir(directory).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    const id = name.slice(0, -'.json'.length);
    const info = await readFile(join(directory, name), 'utf8')
      .then((text) => JSON.parse(text) as UploadInfo)
      .catch(() => undefined);
    const created = info?.creation_date ? Date.parse(info.creation_date) : Number.NaN;
    if (!Number.isFinite(created) || created >= cutoff.getTime()) continue;
    await rm(join(directory, id), { force: true });
    await rm(join(directory, name), { force: true });
    removed += 1;
  }
  return removed;
}
