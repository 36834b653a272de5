// The contract double's files: a multipart/form-data request read into the form the spec check
// validates (chatwoot-spec.ts) and the files it carries, a message's files as Chatwoot renders
// them in REST answers and webhooks (`attachments` with `data_url`, `file_type`, `file_size`),
// and the blob links a `data_url` points at, served as Rails' ActiveStorage does on local disk: a
// redirect on the same host to the bytes. A file can be made to redirect elsewhere, or to name
// another host in its `data_url`, for tests of what the hub refuses to fetch.
import busboy from 'busboy';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type { DoubleFile, Json } from './chatwoot-double-model.js';
import type { FormBody } from './chatwoot-spec.js';

export interface ReceivedFile {
  field: string;
  name: string;
  contentType: string;
  bytes: Buffer;
}

/** A multipart body: the form for the spec check, and the files with their bytes. */
export function readForm(
  headers: IncomingHttpHeaders,
  raw: Buffer,
): Promise<{ form: FormBody; files: ReceivedFile[] }> {
  return new Promise((resolve, reject) => {
    const form: FormBody = { fields: [], files: [] };
    const files: ReceivedFile[] = [];
    // Raw UTF-8 names, as browsers send them and Rack reads them.
    const parser = busboy({ headers, defParamCharset: 'utf8' });
    parser.on('field', (name, value) => form.fields.push([name, value]));
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const bytes = Buffer.concat(chunks);
        form.files.push({ field, name: info.filename ?? '', size: bytes.length });
        files.push({ field, name: info.filename ?? '', contentType: info.mimeType, bytes });
      });
    });
    parser.on('close', () => resolve({ form, files }));
    parser.on('error', reject);
    Readable.from([raw]).pipe(parser);
  });
}

/** Chatwoot's file_type of a content type. */
export function fileTypeOf(contentType: string): string {
  const top = contentType.split('/')[0] ?? '';
  return ['image', 'audio', 'video'].includes(top) ? top : 'file';
}

const BLOB = '/rails/active_storage/blobs/redirect/';
const DISK = '/rails/active_storage/disk/';

/** A message's file as Chatwoot's Attachment#push_event_data renders it. */
export function attachmentJson(f: DoubleFile, messageId: number, accountId: number, baseUrl: string): Json {
  const dot = f.name.lastIndexOf('.');
  const blob = `${baseUrl}${BLOB}${f.token}/${encodeURIComponent(f.name)}`;
  return {
    id: f.id,
    message_id: messageId,
    file_type: fileTypeOf(f.contentType),
    account_id: accountId,
    extension: dot > 0 ? f.name.slice(dot + 1) : null,
    data_url: f.dataUrl ?? blob,
    thumb_url: '',
    file_size: Buffer.from(f.base64, 'base64').length,
    width: null,
    height: null,
  };
}

/** Serves a blob link (a redirect) or the bytes it redirects to; false when `path` is neither. */
export function serveBlob(path: string, files: DoubleFile[], res: ServerResponse): boolean {
  const blob = path.startsWith(BLOB);
  if (!blob && !path.startsWith(DISK)) return false;
  const token = path.slice(blob ? BLOB.length : DISK.length).split('/')[0];
  const file = files.find((f) => f.token === token);
  if (!file) {
    res.writeHead(404).end();
  } else if (blob) {
    res.writeHead(302, {
      location: file.redirectTo ?? `${DISK}${file.token}/${encodeURIComponent(file.name)}`,
    });
    res.end();
  } else {
    res.writeHead(200, { 'content-type': file.contentType }).end(Buffer.from(file.base64, 'base64'));
  }
  return true;
}
