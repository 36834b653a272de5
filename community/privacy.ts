// A user's data: everything stored about them as JSON (export), and erasure. Erasure anonymizes
// authorship and deletes content in MongoDB (the chat domain's collections and the stored
// publications), forgets the recent history Redis kept of every channel they wrote in (readers
// then recover from the redacted store), ends their live connections on every node, and is
// recorded in the system audit log under their pseudonym, never their id (exports too). The
// user's own topic `user:<id>` goes entirely (its publications, history and position: its very
// name is theirs), and copies the features published elsewhere of its events (the support
// agents' feed) are redacted. Features built on the community (the support inbox, live sessions)
// keep user data the community cannot see: they register a UserDataSource, whose export and
// erasure run with the rest.
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
import { userTopic } from '../protocol/index.js';

export interface PrivacyDeps {
  connection: Connection;
  store: MessageStore;
  broker: Broker;
  control: ControlBus;
}

/** A feature's share of a user's data: exported under `name`, erased with the rest. */
export interface UserDataSource {
  name: string;
  export(userId: string): Promise<unknown>;
  /** Erases (or anonymizes, as `pseudonym`) what the feature keeps of the user; returns a count. */
  erase(userId: string, pseudonym: string): Promise<number>;
  /**
   * Where the feature publishes copies of events of the user's own topic: on `channel`, with the
   * nonce `<noncePrefix><the event's nonce>`. Erasure redacts those copies.
   */
  copies?: { channel: string; noncePrefix: string };
}

export interface FullExport extends UserExport {
  /** Each registered feature's part, by its name. */
  features: Record<string, unknown>;
}

export interface ErasureReport extends ErasureCounts {
  pseudonym: string;
  /** Moderation cases that named the user (as author, reporter or moderator). */
  cases: number;
  /** Topics whose stored publications were redacted. */
  topics: number;
  /** What each registered feature erased, by its name. */
  features: Record<string, number>;
}

export class Privacy {
  private readonly sources: UserDataSource[] = [];

  constructor(private readonly deps: PrivacyDeps) {}

  /** Adds a feature's data to every export and erasure from now on. */
  register(source: UserDataSource): void {
    if (this.sources.some((s) => s.name === source.name)) {
      throw new Error(`privacy: a source named ${source.name} is registered already`);
    }
    this.sources.push(source);
  }

  async export(userId: string, requestedBy: string): Promise<FullExport> {
    const data = await exportUser(this.deps.connection, userId);
    const features: Record<string, unknown> = {};
    for (const source of this.sources) features[source.name] = await source.export(userId);
    // The append-only log names users by pseudonym, so an erasure later leaves no id behind.
    const pseudonym = pseudonymFor(this.deps.connection, userId);
    await appendAudit(this.deps.connection, {
      communityId: null,
      actorId: requestedBy === userId ? pseudonym : requestedBy,
      action: 'user.export',
      target: { type: 'user', id: pseudonym },
    });
    return { ...data, features };
  }

  async erase(userId: string, requestedBy: string): Promise<ErasureReport> {
    const { connection, store, broker, control } = this.deps;
    const pseudonym = pseudonymFor(this.deps.connection, userId);
    // Connections first, so nothing new is written while the rest is erased.
    await control.send({ op: 'disconnect', userId, close: 'FORCE_DISCONNECT' });
    // Features first: one that fails (its remote service down) leaves the rest to a rerun.
    const features: Record<string, number> = {};
    for (const source of this.sources) features[source.name] = await source.erase(userId, pseudonym);
    // The log first: it names the topics whose recent history must go (a message is its
    // channel's log row, and eraseUser then takes the rest of it).
    const written = await store.redact({ userId }, pseudonym);
    const ownTopic = userTopic(userId);
    const ownNonces = await noncesOf(store, ownTopic);
    const copies: string[] = [];
    for (const { copies: where } of this.sources) {
      if (!where) continue;
      const nonces = ownNonces.map((nonce) => `${where.noncePrefix}${nonce}`);
      copies.push(...(await store.redact({ channel: where.channel, nonces }, pseudonym)));
    }
    await store.drop(ownTopic);
    await broker.forget(ownTopic);
    const counts = await eraseUser(connection, userId);
    const cases = await anonymizeCases(connection, userId, pseudonym);
    // Scoring's copies: decisions about their messages, and training labels holding their text.
    await eraseScoringDecisions(connection, userId);
    await eraseSpamLabels(connection, userId, pseudonym);
    const topics = [...new Set([...written, ...copies, ownTopic])];
    for (const topic of topics) await broker.forgetRecent(topic);
    await appendAudit(connection, {
      communityId: null,
      actorId: requestedBy === userId ? pseudonym : requestedBy,
      action: 'user.erase',
      target: { type: 'user', id: pseudonym },
      details: { ...counts, cases, topics: topics.length, features },
    });
    return { ...counts, cases, pseudonym, topics: topics.length, features };
  }
}

/** Every nonce of a topic's stored publications, newest page first. */
async function noncesOf(store: MessageStore, topic: string): Promise<string[]> {
  const nonces: string[] = [];
  let before: number | undefined;
  for (;;) {
    const page = await store.before(topic, before, 1_000);
    if (page.length === 0) return nonces;
    for (const p of page) if (p.nonce) nonces.push(p.nonce);
    before = (page[0] as { offset: number }).offset;
  }
}
