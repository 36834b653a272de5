// The message-store seam: where topic publications last (MongoDB in production). The publisher
// writes through it after Redis assigned the offset (and before the sender's ack), the
// write-ahead sweep writes through it what a dead node left, and the gateway reads from it what
// Redis's recent history no longer holds. A chat message's creation publication is stored as the
// message's one durable record (storage/messages/message-record.ts).
//
// Guarantees every implementation gives (checked by message-store.contract.ts):
// - insert is idempotent by (channel, offset): inserting a publication that is already stored
//   is not an error and changes nothing; a batch may mix new and stored ones;
// - after/before return publications of one channel in increasing offset order, at most `limit`;
// - top returns the highest stored offset of a channel with its epoch, or null when none;
// - data is stored as the JSON text it came as and returned byte for byte, so no user-chosen
//   key ever reaches the database as a field name (no operator injection).

export interface StoredPublication {
  channel: string;
  offset: number;
  epoch: string;
  /** The publication's data, as JSON text. */
  data: string;
  userId: string;
  userName: string;
  /** The publisher's idempotency key. */
  nonce: string;
  /** Milliseconds since the epoch. */
  ts: number;
  /**
   * Written only: what is durable when it differs from what subscribers received (`data`), as
   * JSON text: a held message's content, whose subscribers got a placeholder. Never read back.
   */
  record?: string;
}

export interface MessageStore {
  insert(publications: readonly StoredPublication[]): Promise<void>;
  /** Publications with offset > `offset`, oldest first. */
  after(channel: string, offset: number, limit: number): Promise<StoredPublication[]>;
  /** The newest publications with offset < `offset` (all when undefined), oldest first. */
  before(channel: string, offset: number | undefined, limit: number): Promise<StoredPublication[]>;
  top(channel: string): Promise<{ offset: number; epoch: string } | null>;
  /** The lowest stored offset, or null when none (history before it was deleted). */
  first(channel: string): Promise<number | null>;
  /**
   * Erasure: replaces the data of the matching publications (an author's, or a whole channel's)
   * with ERASED_DATA, and an author's id and name with the pseudonym. Offsets stay, so the
   * history keeps no gaps. Returns the channels touched.
   */
  redact(match: RedactMatch, pseudonym: string): Promise<string[]>;
  /**
   * Erasure of a whole topic (an erased user's own `user:<id>`, whose very name is theirs): every
   * stored publication of exactly this channel is deleted. Returns how many.
   */
  drop(channel: string): Promise<number>;
  /**
   * Retention: publications of the channels starting with `channelPrefix` older than `beforeTs`
   * are deleted, or keep their offsets with data and authorship erased. Returns how many.
   */
  expire(channelPrefix: string, beforeTs: number, mode: 'delete' | 'anonymize'): Promise<number>;
}

/**
 * Which publications erasure redacts: an author's everywhere, a whole channel's, or those of a
 * channel with the given nonces (copies the hub published elsewhere of an erased user's events,
 * whose nonces are cleared too).
 */
export type RedactMatch = { userId: string } | { channel: string; nonces?: readonly string[] };

/** What erased publications carry instead of their data. */
export const ERASED_DATA = '{"kind":"erased"}';
export const ERASED_NAME = 'Deleted user';
