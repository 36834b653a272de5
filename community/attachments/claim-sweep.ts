// The claim sweep: files a message claimed whose message was never stored. A claim marks the
// files before the message is stored (a chat publish claims them in `authorize`, before the
// `sequence` step; a support message or conversation claims them before its insert), so a node
// that dies in between leaves them claimed by a message that does not exist, which neither the
// pending sweep (they are not pending) nor a message's deletion (there is none) would ever find.
// Once a claim is older than the pending lifetime, its message is looked for: stored, the claim is
// confirmed and never looked at again; not stored, the file is deleted, bytes first.
//
// A chat message may still be on its way to durable history after its node died: the write-ahead
// log stores what a dead node delivered (realtime/publish/write-ahead.ts), and a node whose
// MongoDB is down keeps writing its rows until they are taken. So a chat claim is only judged
// once every hub node in the write-ahead registry has stored everything it published until
// CLAIM_TO_PUBLISH_MS after the claim (`owedSince`): what it had not stored by then was never
// delivered, or is lost with its recent history.
import type { Types } from 'mongoose';
import {
  chatMessagesCarrying,
  confirmClaims,
  moveClaim,
  storedChatMessages,
  unconfirmedClaims,
  type ClaimKind,
} from '../../storage/repositories/attachment-claims.js';
import type { AttachmentDoc } from '../../storage/repositories/attachments.js';
import type { Attachments } from './attachments.js';

/**
 * A claimed chat message is published within this of its claim (the rest of its publish
 * pipeline), clocks of nodes included; its publication time is compared with the registry's.
 */
export const CLAIM_TO_PUBLISH_MS = 60_000;

export interface ClaimSweepGuards {
  /** The write-ahead registry's `owedSince` (ms): null when no hub node owes any write. */
  chatOwedSince: number | null;
  /** Which of these support messages are stored; without it, support claims are left alone. */
  supportStored?: (messageIds: readonly string[]) => Promise<Set<string>>;
}

export interface ClaimSweepResult {
  /** Claims whose message is stored (or that moved to the retried message carrying them). */
  confirmed: number;
  /** Files deleted: their message was never stored. */
  removed: number;
}

export async function sweepClaims(
  attachments: Attachments,
  guards: ClaimSweepGuards,
  nowMs = Date.now(),
): Promise<ClaimSweepResult> {
  const result: ClaimSweepResult = { confirmed: 0, removed: 0 };
  const lifetimeAgo = nowMs - attachments.settings.pendingTtlS * 1000;
  const chatBefore =
    guards.chatOwedSince === null
      ? lifetimeAgo
      : Math.min(lifetimeAgo, guards.chatOwedSince - CLAIM_TO_PUBLISH_MS);
  await sweepKind(attachments, 'chat', chatBefore, chatStored(attachments), result);
  const { supportStored } = guards;
  if (supportStored)
    await sweepKind(
      attachments,
      'support',
      lifetimeAgo,
      async (docs) => {
        const stored = await supportStored(docs.map((d) => messageOf(d).toHexString()));
        return new Map(
          docs.flatMap((d) => (stored.has(messageOf(d).toHexString()) ? [[d, messageOf(d)]] : [])),
        );
      },
      result,
    );
  return result;
}

/** For each file whose message is stored, that message (the claiming one, or one carrying it). */
type StoredOf = (docs: AttachmentDoc[]) => Promise<Map<AttachmentDoc, Types.ObjectId>>;

function chatStored(attachments: Attachments): StoredOf {
  return async (docs) => {
    const stored = await storedChatMessages(attachments.connection, docs.map(messageOf));
    const found = new Map(
      docs.flatMap((d) => (stored.has(messageOf(d).toHexString()) ? [[d, messageOf(d)] as const] : [])),
    );
    // A retried publish whose first attempt claimed the files is stored under its own id.
    const carried = await chatMessagesCarrying(
      attachments.connection,
      docs.filter((d) => !found.has(d)),
    );
    for (const d of docs) {
      const by = carried.get(d._id.toHexString());
      if (by) found.set(d, by);
    }
    return found;
  };
}

async function sweepKind(
  attachments: Attachments,
  kind: ClaimKind,
  beforeMs: number,
  storedOf: StoredOf,
  result: ClaimSweepResult,
): Promise<void> {
  const before = new Date(beforeMs);
  // Every file of a page leaves the unconfirmed ones (confirmed, moved or deleted): pages end.
  for (let docs = await unconfirmedClaims(attachments.connection, kind, before); docs.length > 0;) {
    const stored = await storedOf(docs);
    const confirmed: Types.ObjectId[] = [];
    for (const doc of docs) {
      const message = stored.get(doc);
      if (!message) {
        await attachments.remove(doc);
        result.removed++;
      } else if (message.equals(messageOf(doc))) {
        confirmed.push(doc._id);
      } else {
        await moveClaim(attachments.connection, doc._id, message);
        result.confirmed++;
      }
    }
    await confirmClaims(attachments.connection, confirmed);
    result.confirmed += confirmed.length;
    docs = await unconfirmedClaims(attachments.connection, kind, before);
  }
}

/** An unconfirmed claim always names its message. */
function messageOf(doc: AttachmentDoc): Types.ObjectId {
  if (!doc.messageId) throw new Error(`attachment ${doc._id.toHexString()} is claimed by no message`);
  return doc.messageId;
}
