// What an upload's bytes are, judged from the bytes (never the declared type or the name), and
// whether a photo's pixel count is one a phone's camera makes rather than a decompression bomb.
import { open } from 'node:fs/promises';
import { fileTypeFromFile } from 'file-type';
import { imageSizeFromFile } from 'image-size/fromFile';
import { type AudioContentType, isAudioContentType, type PhotoContentType } from '../../shared/sync-limits.js';

/** A photo larger than this is refused before anything decodes it: 50 megapixels, 12,000 px a side. */
export const maxPhotoPixels = 50_000_000;
export const maxPhotoSide = 12_000;

export type StoredContentType = PhotoContentType | AudioContentType;

export type ContentVerdict =
  { ok: true; contentType: StoredContentType; width?: number; height?: number } | { ok: false; status: 415 | 422; message: string };

/** file-type's findings, by extension, mapped to the one type we store and serve them as. */
const photoByExtension: Record<string, PhotoContentType> = { jpg: 'image/jpeg', png: 'image/png', webp: 'image/webp' };
const audioByExtension: Record<string, AudioContentType> = {
  webm: 'audio/webm',
  opus: 'audio/ogg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  // Safari's MediaRecorder writes AAC in an ISO base media file whose brand makes it "mp4".
  mp4: 'audio/mp4',
  m4a: 'audio/mp4',
};

const refuse = (status: 415 | 422, message: string): ContentVerdict => ({ ok: false, status, message });

async function readRange(path: string, position: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const pngEnd = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/**
 * Nothing may follow the image's own end (a JPEG's EOI, a PNG's IEND, a WebP's RIFF length): bytes
 * appended there are how an image is made into an HTML or archive polyglot. The app's photos come out
 * of a canvas, which never writes any.
 */
async function endsWhereTheImageEnds(path: string, size: number, type: PhotoContentType): Promise<boolean> {
  if (type === 'image/jpeg') return (await readRange(path, size - 2, 2)).equals(Buffer.from([0xff, 0xd9]));
  if (type === 'image/png') return (await readRange(path, size - pngEnd.length, pngEnd.length)).equals(pngEnd);
  const header = await readRange(path, 0, 8);
  return header.length === 8 && header.readUInt32LE(4) + 8 === size;
}

/** Judges the complete upload at `path` (`size` bytes), declared by the device as `declared`. */
export async function checkUploadedContent(path: string, size: number, declared: string): Promise<ContentVerdict> {
  const found = await fileTypeFromFile(path).catch(() => undefined);
  const wantsAudio = isAudioContentType(declared);
  const what = wantsAudio ? 'a WebM, Ogg or MP4 recording' : 'a JPEG, PNG or WebP photo';
  const seen = found ? `its content is ${found.mime}` : 'its content is not a recognised image or audio format';
  const contentType = found ? (wantsAudio ? audioByExtension[found.ext] : photoByExtension[found.ext]) : undefined;
  if (!contentType)
    return refuse(415, `This file is not ${what}: ${seen}, whatever its name or declared type. Record it again in the app.`);
  if (isAudioContentType(contentType)) return { ok: true, contentType };

  // The header alone says how large the decoded image would be; nothing is decoded here.
  const dimensions = await imageSizeFromFile(path).catch(() => undefined);
  if (!dimensions?.width || !dimensions.height)
    return refuse(415, 'This photo’s header cannot be read, so it is not a usable image. Take the photo again in the app.');
  const { width, height } = dimensions;
  if (width > maxPhotoSide || height > maxPhotoSide || width * height > maxPhotoPixels) {
    return refuse(
      422,
      `This photo is ${width} × ${height} pixels; at most ${maxPhotoSide} pixels a side and ${maxPhotoPixels / 1_000_000} megapixels are accepted. Take it again in the app, which makes smaller photos.`,
    );
  }
  if (!(await endsWhereTheImageEnds(path, size, contentType))) {
    return refuse(415, 'This photo has data after the end of the image, so it is not a plain image. Take the photo again in the app.');
  }
  return { ok: true, contentType, width, height };
}
