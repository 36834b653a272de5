// Which files may be shared, how their names are cleaned, and how each is served back: the type
// always comes from the bytes (file-type), the name only has to agree with it; only safe raster
// images are ever shown inline, everything else downloads, and nothing is served as HTML or SVG.

interface FileKind {
  /** The extensions a file of this type may have in its name (the first is added when none). */
  extensions: readonly string[];
  /** Re-encoded with sharp (metadata stripped, rotation applied) and given a thumbnail. */
  image: boolean;
}

/** Sniffed type → what is allowed. Types missing here are refused `unsupported_type`. */
const ALLOWED: Readonly<Record<string, FileKind>> = {
  'image/jpeg': { extensions: ['jpg', 'jpeg'], image: true },
  'image/png': { extensions: ['png'], image: true },
  'image/webp': { extensions: ['webp'], image: true },
  'image/gif': { extensions: ['gif'], image: true },
  'application/pdf': { extensions: ['pdf'], image: false },
  'application/zip': { extensions: ['zip'], image: false },
  'audio/mpeg': { extensions: ['mp3'], image: false },
  'video/mp4': { extensions: ['mp4', 'm4v'], image: false },
  // No magic number: allowed only under these names, and always served as a download.
  'text/plain': { extensions: ['txt', 'md', 'csv', 'log'], image: false },
};

/** What bytes without a recognisable signature are taken for. */
export const UNSNIFFED_TYPE = 'text/plain';

export type NameCheck = { ok: true; name: string } | { ok: false; reason: string };

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The base name of what the client called the file: any path is dropped, control chars refused. */
export function cleanName(given: string): NameCheck {
  if (CONTROL.test(given)) return { ok: false, reason: 'the file name has control characters' };
  const base = (given.split(/[/\\]/).pop() ?? '').trim().slice(-255);
  if (base === '' || base === '.' || base === '..') return { ok: false, reason: 'the file has no name' };
  return { ok: true, name: base };
}

export function kindOf(contentType: string): FileKind | undefined {
  return ALLOWED[contentType];
}

export function extensionOf(name: string): string | null {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : null;
}

/** The name with an extension that agrees with the bytes, or null when it claims another type. */
export function nameForType(name: string, contentType: string): string | null {
  const kind = ALLOWED[contentType];
  if (!kind) return null;
  const ext = extensionOf(name);
  if (ext === null) return contentType === UNSNIFFED_TYPE ? null : `${name}.${kind.extensions[0]}`;
  return kind.extensions.includes(ext) ? name : null;
}

/** Raster images a browser may show inline without running anything. */
const INLINE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

/** The download headers of a stored file: type, disposition, and no sniffing. */
export function downloadHeaders(contentType: string, name: string): Record<string, string> {
  const inline = INLINE.has(contentType);
  const type = inline
    ? contentType
    : contentType === UNSNIFFED_TYPE
      ? 'text/plain; charset=utf-8'
      : ALLOWED[contentType]
        ? contentType
        : 'application/octet-stream';
  return {
    'content-type': type,
    'content-disposition': contentDisposition(inline ? 'inline' : 'attachment', name),
    'x-content-type-options': 'nosniff',
    // Even a file opened directly runs nothing and loads nothing.
    'content-security-policy': "default-src 'none'; sandbox",
  };
}

function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
