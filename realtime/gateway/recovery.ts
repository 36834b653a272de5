// Recovery: what a reconnecting client missed since its last position. Recent history (Redis)
// serves the newest part, the message store (MongoDB) the older part; the answer is either
// every missed publication, in order and without gaps, or a reason to reload.
import type { RecoveryFailure, StreamPosition } from '../../protocol/index.js';
import type { MessageStore } from '../../storage/messages/message-store.js';
import type { Broker } from '../broker/broker.js';
import { offsetOf, pubFrame, pubTail } from '../broker/frames.js';

export type RecoveryOutcome =
  { recovered: true; frames: string[] } | { recovered: false; reason: RecoveryFailure };

export async function recover(
  topic: string,
  since: StreamPosition,
  position: StreamPosition,
  broker: Broker,
  store: MessageStore,
  maxCount: number,
): Promise<RecoveryOutcome> {
  if (since.epoch !== position.epoch || since.offset > position.offset)
    return { recovered: false, reason: 'epoch_changed' };
  const missed = position.offset - since.offset;
  if (missed === 0) return { recovered: true, frames: [] };
  if (missed > maxCount) return { recovered: false, reason: 'too_many' };

  const recent = await broker.recent(topic, since.offset, position.offset);
  if (recent) return { recovered: true, frames: recent };

  // Older than recent history: the store first, then recent history for what the store has
  // not written yet (its writes trail delivery by the group-commit window).
  const stored = await store.after(topic, since.offset, missed);
  if (stored.length === 0 || stored[0]?.offset !== since.offset + 1)
    return { recovered: false, reason: 'too_old' };
  const frames = stored.map((p) =>
    pubFrame(p.offset, p.epoch, pubTail(p.channel, p.data, { id: p.userId, name: p.userName }, p.ts)),
  );
  const last = stored[stored.length - 1]?.offset ?? since.offset;
  if (last < position.offset) {
    const rest = await broker.recent(topic, last, position.offset);
    if (!rest) return { recovered: false, reason: 'too_old' };
    frames.push(...rest);
  }
  return contiguous(frames, since.offset)
    ? { recovered: true, frames }
    : { recovered: false, reason: 'too_old' };
}

function contiguous(frames: readonly string[], after: number): boolean {
  return frames.every((f, i) => offsetOf(f) === after + i + 1);
}
