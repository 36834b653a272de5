// A user's data: everything stored about them as JSON (export), and erasure. Erasure anonymizes
// authorship and deletes content in MongoDB (the chat domain's collections and the stored
// publications), forgets the recent history Redis kept of every channel they wrote in (readers
// then recover from the redacted store), ends their live connections on every node, and is
// recorded in the system audit log under their pseudonym, never their id (exports too).
import type { Connection } from 'mongoose';
import type { Broker } from '../realtime/broker/broker.js';
import type { ControlBus } from '../realtime/control.js';
import type { MessageStore } from '../storage/messages/message-store.js';
import { appendAudit } from '../storage/repositories/audit.js';
import { anonymizeCases } from '../storage/repositories/case-erasure.js';
import { eraseScoringDecisions } from '../storage/repositories/scoring-decisions.js';
import { eraseSpamLabels } from '../storage/repositories/spam-training.js';
import {
  eraseUser,
  exportUser,
  pseudonymFor,
  type ErasureCounts,
  type UserExport,
} from '../storage/repositories/privacy.js';

export interface PrivacyDeps {
  connection: Connection;
  store: MessageStore;
  broker: Broker;
  control: ControlBus;
}

export interface ErasureReport extends ErasureCounts {
  pseudonym: string;
  /** Moderation cases that named the user (as author, reporter or moderator). */
  cases: number;
  /** Topics whose stored publications were redacted. */
  topics: number;
}

export class Privacy {
  constructor(private readonly deps: PrivacyDeps) {}

  async export(userId: string, requestedBy: string): Promise<UserExport> {
    const data = await exportUser(this.deps.connection, userId);
    // The append-only log names users by pseudonym, so an erasure later leaves no id behind.
    const pseudonym = pseudonymFor(this.deps.connection, userId);
    await appendAudit(this.deps.connection, {
      communityId: null,
      actorId: requestedBy === userId ? pseudonym : requestedBy,
      action: 'user.export',
      target: { type: 'user', id: pseudonym },
    });
    return data;
  }

  async erase(userId: string, requestedBy: string): Promise<ErasureReport> {
    const { connection, store, broker, control } = this.deps;
    const pseudonym = pseudonymFor(this.deps.connection, userId);
    // Connections first, so nothing new is written while the rest is erased.
    await control.send({ op: 'disconnect', userId, close: 'FORCE_DISCONNECT' });
    const counts = await eraseUser(connection, userId);
    const cases = await anonymizeCases(connection, userId, pseudonym);
    // Scoring's copies: decisions about their messages, and training labels holding their text.
    await eraseScoringDecisions(connection, userId);
    await eraseSpamLabels(connection, userId, pseudonym);
    const written = await store.redact({ userId }, pseudonym);
    const own = await store.redact({ channel: `user:${userId}` }, pseudonym);
    const topics = [...new Set([...written, ...own, `user:${userId}`])];
    for (const topic of topics) await broker.forgetRecent(topic);
    await appendAudit(connection, {
      communityId: null,
      actorId: requestedBy === userId ? pseudonym : requestedBy,
      action: 'user.erase',
      target: { type: 'user', id: pseudonym },
      details: { ...counts, cases, topics: topics.length },
    });
    return { ...counts, cases, pseudonym, topics: topics.length };
  }
}
