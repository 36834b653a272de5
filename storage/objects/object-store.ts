// The seam where uploaded files (chat and support attachments) are kept: GridFS in the
// deployment's MongoDB by default, or an S3-compatible server. Every implementation passes
// `object-store.contract.ts`. Keys are opaque, built by the caller (`objectKey`); the store
// never interprets them. Bodies are streamed both ways: nothing here holds a whole file.
import type { Readable } from 'node:stream';

export interface PutOptions {
  /** The type sniffed from the bytes (never the client's claim). */
  contentType: string;
  /** The most bytes accepted: a body that goes past it is refused `payload_too_large` and nothing stays. */
  maxBytes: number;
  /**
   * String metadata kept beside the object (the uploader, the original name): keys of letters,
   * digits, `_` and `-`, at most 1 KiB as JSON (object-metadata.ts), else `validation_failed`.
   */
  metadata?: Record<string, string>;
}

export interface DirectUrlOptions {
  expiresInS: number;
  /** `Content-Disposition` of the response (attachment; filename*=…). */
  contentDisposition: string;
  /** `Content-Type` of the response (a safe type for what must not render inline). */
  contentType: string;
}

export interface StoredObject {
  key: string;
  size: number;
  contentType: string;
  metadata: Record<string, string>;
}

export interface ObjectStore {
  /**
   * Streams `body` into the store under `key`; replaces nothing (a key is written once: `conflict`).
   * A refused or failed put keeps nothing and destroys `body` rather than draining it.
   */
  put(key: string, body: Readable, options: PutOptions): Promise<StoredObject>;
  /** The object's description, or null when there is none. */
  head(key: string): Promise<StoredObject | null>;
  /** The object's bytes as a stream, or null when there is none. */
  get(key: string): Promise<{ object: StoredObject; body: Readable } | null>;
  /**
   * A time-limited URL the store itself serves the object at, with the given download headers
   * (S3 presigned GET), or null when it serves nothing by itself (GridFS): the hub then streams
   * it through its own signed download route.
   */
  directUrl(key: string, options: DirectUrlOptions): Promise<string | null>;
  /** Deletes the object; deleting one that is not there is not an error. */
  delete(key: string): Promise<void>;
  /** Releases connections the store opened itself. */
  close(): Promise<void>;
}
