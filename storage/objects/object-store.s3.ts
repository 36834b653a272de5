// ObjectStore on an S3-compatible server (AWS S3, SeaweedFS, MinIO…) through @aws-sdk/client-s3.
// A body of unknown length is uploaded as it arrives: one PutObject when it ends within the first
// part, else a multipart upload of 5 MiB parts (S3's smallest), each part sent before the next is
// read, so one part is the most held in memory. Past the size bound, or when the body fails, the
// multipart upload is aborted and the server drops its parts. A key is written once: the write
// carries `If-None-Match: *` (S3's conditional write; the server refuses it with 412 when the key
// exists), after a HEAD that refuses early. Metadata travels as one base64url JSON header
// (`x-amz-meta-hub`), which keeps its keys' case and Unicode. Direct URLs are presigned GETs
// that set the response's Content-Disposition and Content-Type.
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { HubError, notReady } from '../../protocol/hub-error.js';
import { isDependencyDown } from '../dependency-errors.js';
import { chunksWithin } from './body-limit.js';
import { checkMetadata, decodeMetadata, encodeMetadata } from './object-metadata.js';
import type { DirectUrlOptions, ObjectStore, PutOptions, StoredObject } from './object-store.js';

/** S3's smallest part (every part but the last). */
export const PART_BYTES = 5 * 1024 * 1024;
const METADATA_HEADER = 'hub';

export interface S3StoreOptions {
  bucket: string;
  region: string;
  /** Unset: AWS's endpoint for the region. */
  endpoint?: string | undefined;
  /** Unset: the SDK's default chain (environment, profile, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string } | undefined;
  /** `bucket` in the path rather than the host name (SeaweedFS, MinIO). */
  forcePathStyle: boolean;
}

export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(options: S3StoreOptions) {
    this.bucket = options.bucket;
    this.client = new S3Client({
      region: options.region,
      forcePathStyle: options.forcePathStyle,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.credentials ? { credentials: options.credentials } : {}),
      // Checksums only where S3 requires them: S3-compatible servers differ in which of the
      // newer flexible checksums they accept; TLS and SigV4 protect the bytes in transit.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Readable, options: PutOptions): Promise<StoredObject> {
    const metadata = options.metadata ?? {};
    try {
      checkMetadata(metadata);
      if (await this.head(key)) throw conflict(key);
      const common = {
        Bucket: this.bucket,
        Key: key,
        ContentType: options.contentType,
        Metadata: { [METADATA_HEADER]: encodeMetadata(metadata) },
      };
      const part = Buffer.allocUnsafe(PART_BYTES);
      let filled = 0;
      let multipart: { uploadId: string; parts: CompletedPart[] } | undefined;
      let size = 0;
      try {
        for await (const chunk of chunksWithin(body, options.maxBytes)) {
          for (let at = 0; at < chunk.length;) {
            const taken = chunk.copy(part, filled, at);
            filled += taken;
            at += taken;
            if (filled < PART_BYTES) continue;
            multipart ??= await this.createMultipart(common);
            await this.uploadPart(key, multipart, part);
            filled = 0;
          }
          size += chunk.length;
        }
        if (!multipart) {
          const bytes = part.subarray(0, filled);
          await writeOnce(key, () =>
            this.client.send(
              new PutObjectCommand({ ...common, Body: bytes, ContentLength: filled, IfNoneMatch: '*' }),
            ),
          );
        } else {
          if (filled > 0) await this.uploadPart(key, multipart, part.subarray(0, filled));
          const { uploadId, parts } = multipart;
          await writeOnce(key, () =>
            this.client.send(
              new CompleteMultipartUploadCommand({
                Bucket: this.bucket,
                Key: key,
                UploadId: uploadId,
                MultipartUpload: { Parts: parts },
                IfNoneMatch: '*',
              }),
            ),
          );
        }
      } catch (err) {
        if (multipart) {
          await this.client.send(
            new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: multipart.uploadId }),
          );
        }
        throw err;
      }
      return { key, size, contentType: options.contentType, metadata };
    } catch (err) {
      body.destroy(); // a refused body is not drained
      throw orNotReady(err);
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return describe(key, head);
    } catch (err) {
      if (isMissing(err)) return null;
      throw orNotReady(err);
    }
  }

  async get(key: string): Promise<{ object: StoredObject; body: Readable } | null> {
    try {
      const got = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(got.Body instanceof Readable)) throw new Error('object store: S3 answered without a body stream');
      return { object: describe(key, got), body: got.Body };
    } catch (err) {
      if (isMissing(err)) return null;
      throw orNotReady(err);
    }
  }

  async directUrl(key: string, options: DirectUrlOptions): Promise<string | null> {
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentDisposition: options.contentDisposition,
      ResponseContentType: options.contentType,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInS });
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    } catch (err) {
      if (isMissing(err)) return;
      throw orNotReady(err);
    }
  }

  async close(): Promise<void> {
    this.client.destroy();
  }

  private async createMultipart(common: CreateInput): Promise<{ uploadId: string; parts: CompletedPart[] }> {
    const created = await this.client.send(new CreateMultipartUploadCommand(common));
    if (!created.UploadId) throw new Error('object store: S3 started a multipart upload without an id');
    return { uploadId: created.UploadId, parts: [] };
  }

  /** Sends one part; the buffer may be reused once this resolves. */
  private async uploadPart(
    key: string,
    multipart: { uploadId: string; parts: CompletedPart[] },
    bytes: Buffer,
  ) {
    const PartNumber = multipart.parts.length + 1;
    const { ETag } = await this.client.send(
      new UploadPartCommand({
        Bucket: this.bucket,
        Key: key,
        UploadId: multipart.uploadId,
        PartNumber,
        Body: bytes,
        ContentLength: bytes.length,
      }),
    );
    multipart.parts.push({ PartNumber, ETag });
  }
}

/** A conditional write: S3 refuses it with 412 when the key was written meanwhile. */
async function writeOnce(key: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (err) {
    if (statusOf(err) === 412 || (err as { name?: string }).name === 'PreconditionFailed')
      throw conflict(key);
    throw err;
  }
}

type CreateInput = { Bucket: string; Key: string; ContentType: string; Metadata: Record<string, string> };

const conflict = (key: string) => new HubError('conflict', `An object is already stored under ${key}.`);

const statusOf = (err: unknown): number | undefined =>
  err instanceof S3ServiceException ? err.$metadata.httpStatusCode : undefined;

const isMissing = (err: unknown): boolean =>
  statusOf(err) === 404 || (err instanceof Error && (err.name === 'NotFound' || err.name === 'NoSuchKey'));

/** Unreachable, or answering 5xx (S3's 503 SlowDown included): try again later. */
function orNotReady(err: unknown): unknown {
  if (err instanceof HubError) return err;
  const status = statusOf(err);
  if (isDependencyDown(err) || (status !== undefined && status >= 500))
    return notReady('object storage (S3)');
  const code = (err as { code?: unknown } | null)?.code;
  if (
    typeof code === 'string' &&
    /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE)$/.test(code)
  ) {
    return notReady('object storage (S3)');
  }
  return err;
}

function describe(
  key: string,
  response: {
    ContentLength?: number | undefined;
    ContentType?: string | undefined;
    Metadata?: Record<string, string> | undefined;
  },
): StoredObject {
  return {
    key,
    size: response.ContentLength ?? 0,
    contentType: response.ContentType ?? 'application/octet-stream',
    metadata: decodeMetadata(response.Metadata?.[METADATA_HEADER]),
  };
}
