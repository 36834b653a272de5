// A multipart/form-data request body (RFC 7578) streamed from its parts: text fields, then files
// read from their streams one after another, never held in memory whole. The files' sizes are
// known (the object store's), so the body's length is too: it is sent with a Content-Length.
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

export interface FormFile {
  /** The form field, e.g. `attachments[]`. */
  field: string;
  name: string;
  contentType: string;
  /** Exactly the bytes `open` streams. */
  size: number;
  open(): Promise<Readable>;
}

export interface MultipartBody {
  contentType: string;
  length: number;
  stream: Readable;
}

const CRLF = '\r\n';

/** A quoted-string value of a part's Content-Disposition, escaped as browsers do (%22, %0D, %0A). */
function quoted(value: string): string {
  return `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;
}

export function multipartBody(
  fields: readonly [string, string][],
  files: readonly FormFile[],
): MultipartBody {
  const boundary = `----hubbub${randomBytes(12).toString('hex')}`;
  const fieldParts = fields.map(([name, value]) =>
    Buffer.from(
      `--${boundary}${CRLF}Content-Disposition: form-data; name=${quoted(name)}${CRLF}${CRLF}${value}${CRLF}`,
    ),
  );
  const fileHeads = files.map((f) =>
    Buffer.from(
      `--${boundary}${CRLF}Content-Disposition: form-data; name=${quoted(f.field)}; filename=${quoted(f.name)}` +
        `${CRLF}Content-Type: ${f.contentType}${CRLF}${CRLF}`,
    ),
  );
  const tail = Buffer.from(`--${boundary}--${CRLF}`);
  const length =
    fieldParts.reduce((n, b) => n + b.length, 0) +
    files.reduce((n, f, i) => n + (fileHeads[i] as Buffer).length + f.size + CRLF.length, 0) +
    tail.length;
  async function* parts(): AsyncGenerator<Buffer> {
    yield* fieldParts;
    for (const [i, f] of files.entries()) {
      yield fileHeads[i] as Buffer;
      for await (const chunk of await f.open()) yield chunk as Buffer;
      yield Buffer.from(CRLF);
    }
    yield tail;
  }
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    stream: Readable.from(parts(), { objectMode: false }),
  };
}
