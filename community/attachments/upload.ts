// Receives one uploaded file and stores it, streamed end to end: the multipart body (busboy) →
// the type sniffed from the first bytes (file-type) → for an image, sharp re-encodes it (EXIF and
// GPS gone, rotation applied) and makes a 400 px WebP thumbnail → the object store. A refusal
// (too large, a type not allowed, a name that disagrees with the bytes, too many pixels) is a
// coded error, and whatever was written of it is deleted again. A caller's check (AutoMod's file
// types) sees the sniffed type and the name before anything is stored. Images wait for one of
// the node's re-encode slots (ImageSlots) before sharp reads them; the body is paused meanwhile.
import busboy from 'busboy';
import { fileTypeStream } from 'file-type';
import type { Readable } from 'node:stream';
import sharp, { type OutputInfo } from 'sharp';
import { HubError } from '../../protocol/index.js';
import type { ObjectStore, StoredObject } from '../../storage/objects/object-store.js';
import { cleanName, extensionOf, kindOf, nameForType, UNSNIFFED_TYPE } from './file-policy.js';
import type { ImageSlots } from './image-slots.js';

// Every upload is a different image, so libvips' operation cache only holds memory (up to 50 MB
// by default) that no later upload reuses.
sharp.cache(false);

export interface UploadLimits {
  maxBytes: number;
  maxImagePixels: number;
}

/** A check of the sniffed file before anything is stored (AutoMod's file types): throws to refuse. */
export type UploadCheck = (file: { contentType: string; name: string }) => Promise<void>;

export interface StoredUpload {
  name: string;
  size: number;
  contentType: string;
  width: number | null;
  height: number | null;
  thumbKey: string | null;
}

const THUMB_PX = 400;
/** Enough for file-type to recognise every allowed type. */
const SNIFF_BYTES = 4100;

/** The file part of a multipart body: its stream and the name the client gave it. */
export function filePart(
  body: Readable,
  headers: Readonly<Record<string, string>>,
  maxBytes: number,
): Promise<{ name: string; file: Readable }> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers, limits: { files: 1, fileSize: maxBytes, fields: 0, parts: 1 } });
    } catch (err) {
      reject(new HubError('bad_request', `the multipart body is malformed: ${(err as Error).message}`));
      return;
    }
    parser.on('file', (field, file, info) => {
      if (field !== 'file') {
        file.resume();
        reject(new HubError('validation_failed', 'the upload must be one part named "file"'));
        return;
      }
      file.on('limit', () =>
        file.destroy(new HubError('payload_too_large', `files may be at most ${maxBytes} bytes`)),
      );
      // A small part can pass its limit before anyone reads it: storeUpload finds the refusal in
      // `errored` then, so it must not be an uncaught 'error' meanwhile.
      file.on('error', () => undefined);
      resolve({ name: info.filename ?? '', file });
    });
    parser.on('error', (err) => reject(asUploadError(err) as Error));
    parser.on('close', () => reject(new HubError('validation_failed', 'the upload has no "file" part')));
    body.on('error', (err) => parser.destroy(err));
    body.pipe(parser);
  });
}

/** Sniffs, checks and stores the file under `key` (and its thumbnail under `${key}.thumb`). */
export async function storeUpload(
  store: ObjectStore,
  key: string,
  given: { name: string; file: Readable },
  limits: UploadLimits,
  imageSlots: ImageSlots,
  check?: UploadCheck,
): Promise<StoredUpload> {
  const clean = cleanName(given.name);
  if (!clean.ok) {
    given.file.resume();
    throw new HubError('validation_failed', clean.reason);
  }
  // Refused while the part was parsed (past the size limit) before this read it.
  if (given.file.errored) throw given.file.errored;
  const typed = await fileTypeStream(given.file, { sampleSize: SNIFF_BYTES });
  const contentType = typed.fileType?.mime ?? UNSNIFFED_TYPE;
  const kind = kindOf(contentType);
  const refuse = <E>(err: E): E => {
    typed.destroy();
    given.file.resume();
    return err;
  };
  // Bytes without a signature are text only under a text name (an .svg or .html is refused).
  const claimed = extensionOf(clean.name);
  if (contentType === UNSNIFFED_TYPE && claimed !== null && !kind?.extensions.includes(claimed))
    throw refuse(new HubError('unsupported_type', `.${claimed} files are not allowed here`));
  if (!kind) throw refuse(new HubError('unsupported_type', `${contentType} files are not allowed here`));
  const name = nameForType(clean.name, contentType);
  if (name === null)
    throw refuse(new HubError('file_mismatch', `the bytes are ${contentType}, not what the name says`));
  if (check) {
    try {
      await check({ contentType, name });
    } catch (err) {
      throw refuse(err);
    }
  }
  const thumbKey = `${key}.thumb`;
  try {
    if (!kind.image) {
      const stored = await store.put(key, typed, {
        contentType,
        maxBytes: limits.maxBytes,
        metadata: { name },
      });
      return { name, size: stored.size, contentType, width: null, height: null, thumbKey: null };
    }
    // Not read until a slot is free: the part, and so the request body, stays paused.
    typed.on('error', () => undefined);
    return await imageSlots.run(() => {
      if (typed.errored) throw typed.errored; // the client went away while it waited
      return storeImage(store, key, thumbKey, typed, name, contentType, limits);
    });
  } catch (err) {
    await Promise.all([store.delete(key), store.delete(thumbKey)]).catch(() => undefined);
    throw asUploadError(err);
  }
}

async function storeImage(
  store: ObjectStore,
  key: string,
  thumbKey: string,
  input: Readable,
  name: string,
  contentType: string,
  limits: UploadLimits,
): Promise<StoredUpload> {
  const animated = contentType === 'image/gif' || contentType === 'image/webp';
  const decoder = sharp({ limitInputPixels: limits.maxImagePixels, failOn: 'error', animated });
  // Re-encoding in the same format keeps no metadata (sharp drops EXIF, GPS and ICC text unless
  // asked to keep them); rotate() first applies the EXIF orientation it drops.
  const full = decoder.clone().rotate();
  const thumb = decoder
    .clone()
    .rotate()
    .resize(THUMB_PX, THUMB_PX, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 });
  const size = new Promise<{ width: number; height: number }>((resolve) =>
    full.once('info', (info: OutputInfo) => resolve({ width: info.width, height: info.height })),
  );
  input.on('error', (err) => decoder.destroy(err));
  input.pipe(decoder);
  const [stored] = await Promise.all([
    store.put(key, full, { contentType, maxBytes: limits.maxBytes, metadata: { name } }),
    store.put(thumbKey, thumb, { contentType: 'image/webp', maxBytes: limits.maxBytes, metadata: { name } }),
  ]);
  const { width, height } = await size;
  return { name, size: (stored as StoredObject).size, contentType, width, height, thumbKey };
}

/** Errors of the parts below as the API's codes; anything else (the store down) as it is. */
function asUploadError(err: unknown): unknown {
  if (err instanceof HubError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/pixel limit/i.test(message)) return new HubError('image_too_large', 'the image has too many pixels');
  if (/too.?large|maxBytes|exceeds/i.test(message)) return new HubError('payload_too_large');
  if (/unsupported image format|corrupt|bad seek|premature end|invalid/i.test(message))
    return new HubError('file_mismatch', 'the image cannot be read');
  if (/multipart|boundary|unexpected end of form|malformed part/i.test(message))
    return new HubError('bad_request', `the multipart body is malformed: ${message}`);
  return err;
}
