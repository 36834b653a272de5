// Files of an agent's message from Chatwoot: each `attachments` entry's `data_url` is fetched and
// stored as a file of the support conversation, sniffed and re-encoded as uploads are, so the
// member gets it through the hub's signed links (never Chatwoot's). Fetched only from the
// configured Chatwoot origin (scheme, host and port of chatwoot.baseUrl): a `data_url` elsewhere,
// or a redirect off that origin, is refused without a request there. Bounded by the community's
// size limit and by chatwoot.timeoutMs for the whole download; no credentials are sent.
// A file refused (another origin, too large, a type not allowed, 4xx) is left out and logged;
// a failure that may pass (network, timeout, 5xx) fails the event, whose job is retried, after
// deleting what this attempt stored.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Logger } from 'pino';
import type { AttachmentDescriptor, Attachments } from '../../community/attachments/attachments.js';
import { HubError } from '../../protocol/index.js';
import type { Wire } from '../provider/wire.js';

export interface InboundFiles {
  attachments: Attachments;
  /** chatwoot.baseUrl: its origin is the only one files are fetched from. */
  baseUrl: string;
  timeoutMs: number;
  log: Logger;
}

/** A file that will not be fetched or stored, whatever the retry. */
export class FileRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileRefused';
  }
}

const MAX_REDIRECTS = 3;

/**
 * GETs `url` from `origin` only, following at most MAX_REDIRECTS redirects that stay on it;
 * resolves to the response, whose body is still unread.
 */
export async function fetchFromOrigin(
  url: string,
  origin: string,
  options: { timeoutMs: number; maxBytes: number },
): Promise<{ response: Response; url: URL }> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new FileRefused('the file link is not a URL');
  }
  for (let hops = 0; ; hops++) {
    if (target.origin !== origin) throw new FileRefused(`the file link leaves ${origin}`);
    if (target.username || target.password) throw new FileRefused('the file link carries credentials');
    const response = await fetch(target, { redirect: 'manual', signal, credentials: 'omit' });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      await response.body?.cancel();
      if (hops >= MAX_REDIRECTS) throw new FileRefused('too many redirects');
      target = new URL(location, target);
      continue;
    }
    if (response.status >= 500 || response.status === 429) {
      await response.body?.cancel();
      throw new Error(`inbox: Chatwoot answered ${response.status} for a file`);
    }
    if (response.status !== 200 || !response.body) {
      await response.body?.cancel();
      throw new FileRefused(`Chatwoot answered ${response.status} for a file`);
    }
    const length = Number(response.headers.get('content-length') ?? NaN);
    if (length > options.maxBytes) {
      await response.body.cancel();
      throw new FileRefused(`the file has ${length} bytes, more than ${options.maxBytes}`);
    }
    return { response, url: target };
  }
}

/** The file's name from its link's last path segment (ActiveStorage's), or one made up. */
function nameFrom(url: URL, id: unknown): string {
  const last = url.pathname.split('/').pop() ?? '';
  let name = '';
  try {
    name = decodeURIComponent(last);
  } catch {
    name = '';
  }
  return name || `file-${typeof id === 'number' ? id : 'chatwoot'}`;
}

/** Refusals of the file itself (coded as an upload's would be): not worth a retry. */
const REFUSED_CODES = new Set([
  'payload_too_large',
  'unsupported_type',
  'file_mismatch',
  'image_too_large',
  'validation_failed',
  'bad_request',
]);

/**
 * Fetches and stores the message's files as the conversation's, claimed by `messageId`; returns
 * their descriptors (those refused left out).
 */
export async function importChatwootFiles(
  files: InboundFiles,
  entries: Wire[],
  where: { conversationId: string; communityId: string | null; messageId: string; ownerId: string },
): Promise<AttachmentDescriptor[]> {
  const origin = new URL(files.baseUrl).origin;
  const { maxBytes } = await files.attachments.limitsFor(where.communityId);
  const stored: AttachmentDescriptor[] = [];
  try {
    for (const entry of entries) {
      const link = entry['data_url'];
      if (typeof link !== 'string' || link === '') continue; // a location, a contact card: no file
      try {
        const { response, url } = await fetchFromOrigin(link, origin, {
          timeoutMs: files.timeoutMs,
          maxBytes,
        });
        const file = Readable.fromWeb(response.body as WebReadableStream);
        const doc = await files.attachments.import({ name: nameFrom(url, entry['id']), file }, where);
        stored.push({
          id: doc._id.toHexString(),
          name: doc.name,
          size: doc.size,
          contentType: doc.contentType,
          width: doc.width ?? null,
          height: doc.height ?? null,
          thumbnail: Boolean(doc.thumbKey),
        });
      } catch (err) {
        const refused =
          err instanceof FileRefused || (err instanceof HubError && REFUSED_CODES.has(err.code));
        if (!refused) throw err;
        files.log.warn(
          { conversation: where.conversationId, attachment: entry['id'], reason: (err as Error).message },
          'inbox: a file from Chatwoot was refused',
        );
      }
    }
    return stored;
  } catch (err) {
    await files.attachments.removeForMessages([where.messageId]);
    throw err;
  }
}
