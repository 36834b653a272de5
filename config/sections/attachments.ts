// Configuration sections of files: upload limits (`attachments`), where files are kept
// (`objects`) and the S3-compatible store (`s3`). Composed in ../schema.ts.
import { z } from 'zod';
import { booleanLike, count, secret, urlWith } from './fields.js';

// attachments (chat files and images; the store is the objects section's)
export const attachments = z
  .object({
    /** The largest file a member may upload, unless the community sets a smaller limit. */
    maxBytes: count('bytes').default(25 * 1024 * 1024),
    /** Files per message, unless the community sets fewer. */
    maxPerMessage: count('files').max(50).default(10),
    /**
     * Uploads one member may have pending (not yet sent) in one community, or in their direct
     * conversations, unless the community sets fewer; past it an upload is refused.
     */
    maxPending: count('files').max(1000).default(50),
    /** Lifetime of a signed download URL. */
    urlTtlS: count('seconds').max(3600).default(300),
    /** An upload no sent message references is deleted after this long (the sweep's bound). */
    pendingTtlS: count('seconds').default(24 * 3600),
    /** Larger images are refused (decompression bombs): width × height. */
    maxImagePixels: count('pixels').default(40_000_000),
    /**
     * Images sharp re-encodes at once on one node; more uploads wait (their bodies paused), so
     * memory is bounded by this, not by the number of parallel uploads.
     */
    imageConcurrency: count('images').max(64).default(2),
  })
  .strict();

export const objects = z
  .object({
    /** Where uploaded files are kept: GridFS in the hub's MongoDB, or an S3-compatible server. */
    backend: z.enum(['gridfs', 's3']).default('gridfs'),
  })
  .strict();

export const s3 = z
  .object({
    /** An S3-compatible server's URL; unset is AWS S3 itself (the region's endpoint). */
    endpoint: urlWith(/^https?$/, 'http(s)').optional(),
    /** The bucket, created beforehand: the hub never creates one. Required with backend s3. */
    bucket: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 of a-z, 0-9, . and -)')
      .optional(),
    region: z.string().min(1).default('us-east-1'),
    /** Static credentials; both unset: the SDK's chain (environment, profile, instance role). */
    accessKeyId: z.string().optional(),
    secretAccessKey: secret(z.string().optional()),
    /** The bucket in the URL's path rather than its host name (most S3-compatible servers). */
    forcePathStyle: booleanLike.default(false),
  })
  .strict();
