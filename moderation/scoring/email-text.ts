// What a person reads of an e-mail, as plain text: the subject and the body's text parts
// (quoted-printable and base64 decoded, HTML reduced to its text, multipart walked), headers
// and attachments dropped. Enough of MIME to score the SpamAssassin corpus as chat text; not
// a general mail parser (character sets other than UTF-8 and Latin-1 are read as Latin-1).

interface Part {
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

const MAX_DEPTH = 5;

/** Headers (unfolded, names lower-cased; the first of a name wins) and the body after them. */
function splitPart(raw: string): Part {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.search(/\n\n/);
  const head = end < 0 ? text : text.slice(0, end);
  const body = end < 0 ? '' : text.slice(end + 2);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

const parameter = (header: string, name: string): string | undefined =>
  new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i')
    .exec(header)
    ?.slice(1)
    .find((v) => v !== undefined);

function bytesToText(bytes: Uint8Array, charset: string): string {
  if (/utf-?8/i.test(charset)) return new TextDecoder('utf-8').decode(bytes);
  return new TextDecoder('latin1').decode(bytes);
}

function decodeQuotedPrintable(text: string, charset: string): string {
  const joined = text.replace(/=\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === '=' ? /^[0-9A-Fa-f]{2}/.exec(joined.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(joined.charCodeAt(i) & 0xff);
  }
  return bytesToText(Uint8Array.from(bytes), charset);
}

function decodeBody(part: Part): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const charset = parameter(part.headers.get('content-type') ?? '', 'charset') ?? 'latin1';
  if (encoding.includes('base64')) return bytesToText(Buffer.from(part.body, 'base64'), charset);
  if (encoding.includes('quoted-printable')) return decodeQuotedPrintable(part.body, charset);
  return part.body;
}

const ENTITIES: Readonly<Record<string, string>> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** The text of an HTML body: scripts, styles and comments gone, tags as spaces, entities read. */
export function htmlToText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code < 0x110000 ? String.fromCodePoint(code) : ' ';
    });
}

/** RFC 2047 encoded words (`=?charset?B|Q?…?=`) of a header, decoded. */
export function decodeHeader(value: string): string {
  return value.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
    (_, charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? bytesToText(Buffer.from(data, 'base64'), charset)
        : decodeQuotedPrintable(data.replace(/_/g, ' '), charset),
  );
}

/** The readable text parts of a part: text/plain preferred to text/html within an alternative. */
function textOf(part: Part, depth: number): string {
  const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
  const disposition = (part.headers.get('content-disposition') ?? '').toLowerCase();
  if (disposition.startsWith('attachment')) return '';
  if (type.startsWith('multipart/')) {
    const boundary = parameter(part.headers.get('content-type') ?? '', 'boundary');
    if (!boundary || depth >= MAX_DEPTH) return '';
    const children = part.body
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .map((chunk) => splitPart(chunk.replace(/^[ \t]*\n/, '')));
    if (type.startsWith('multipart/alternative')) {
      const plain = children.find((c) =>
        (c.headers.get('content-type') ?? 'text/plain').toLowerCase().startsWith('text/plain'),
      );
      return textOf(plain ?? children[children.length - 1] ?? { headers: new Map(), body: '' }, depth + 1);
    }
    return children.map((child) => textOf(child, depth + 1)).join('\n');
  }
  if (type.startsWith('text/html')) return htmlToText(decodeBody(part));
  if (type.startsWith('text/')) return decodeBody(part);
  return '';
}

/** Subject and body text of a raw e-mail (headers included), whitespace collapsed. */
export function emailText(raw: string): string {
  const message = splitPart(raw);
  const subject = decodeHeader(message.headers.get('subject') ?? '');
  return `${subject}\n${textOf(message, 0)}`
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}
