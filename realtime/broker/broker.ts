// The broker seam: a topic's position, its recent history, and live delivery to every hub node
// (Redis in production). Frames travel as the exact text clients receive, so a node forwards a
// publication to its local subscribers without parsing it.
//
// Guarantees every implementation gives (checked by broker.contract.ts):
// - publish is atomic: offsets are gapless per topic, and every subscribed node receives the
//   frames of a topic in offset order, each once;
// - publish is idempotent by nonce among the topic's recent publications (duplicate: true,
//   nothing delivered, the first offset returned);
// - a topic without a position refuses to publish (NoPositionError) until restore() sets one;
//   restore() never overwrites a position in force;
// - recent() returns exactly the frames with offsets in (after, upTo], in order, or null when
//   recent history no longer holds all of them;
// - a node receives a topic's live frames only while it is subscribed to it;
// - recent history is the write-ahead log of the durable write: entry() and owedBy() give back
//   what was published as the message store must keep it (the record where it differs).
import type { ClientInfo, StreamPosition } from '../../protocol/index.js';
import type { StoredPublication } from '../../storage/messages/message-store.js';

export interface BrokerPublication {
  /** The idempotency key: unique per publisher (the publisher's id and its nonce). */
  nonce: string;
  /** The publication's data as JSON text. */
  data: string;
  info: ClientInfo;
  ts: number;
  /** The hub node that owes the durable write (the write-ahead sweep stores it if that node dies). */
  node: string;
  /** What the message store keeps when it differs from `data` (JSON text). */
  record?: string;
}

export interface PublishOutcome extends StreamPosition {
  duplicate: boolean;
}

export class NoPositionError extends Error {
  constructor(readonly topic: string) {
    super(`broker: topic ${topic} has no position; restore it first`);
    this.name = 'NoPositionError';
  }
}

export type FrameHandler = (topic: string, frame: string) => void;

export interface Broker {
  publish(topic: string, publication: BrokerPublication): Promise<PublishOutcome>;
  restore(topic: string, position: StreamPosition): Promise<StreamPosition>;
  position(topic: string): Promise<StreamPosition | null>;
  recent(topic: string, afterOffset: number, upToOffset: number): Promise<string[] | null>;
  /** The publication at an offset as it must be stored, or null when recent history lost it. */
  entry(topic: string, offset: number): Promise<StoredPublication | null>;
  /**
   * The publications `node` published on the topic since `sinceMs` (Redis time, milliseconds),
   * as they must be stored, oldest first: what a dead node may not have written.
   */
  owedBy(topic: string, node: string, sinceMs: number): Promise<StoredPublication[]>;
  /**
   * Forgets a topic's recent history (its position stays, so offsets continue): recovery then
   * reads the message store. For erasure, when stored publications were redacted.
   */
  forgetRecent(topic: string): Promise<void>;
  /**
   * Forgets a topic entirely: its recent history, nonces and position (offset, epoch), so its
   * next publication starts a new epoch, and its name in the nodes' write-ahead registries. For
   * erasure of a topic whose name is the user's own.
   */
  forget(topic: string): Promise<void>;
  /** Delivers an ephemeral frame (presence, typing) to every node's subscribers; never stored. */
  emit(topic: string, frame: string): Promise<void>;
  subscribe(topic: string): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  /** Live frames of subscribed topics, and nothing else, reach this handler. */
  onFrame(handler: FrameHandler): void;
  close(): Promise<void>;
}
