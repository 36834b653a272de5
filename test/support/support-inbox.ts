// The support inbox's end-to-end stack: the Chatwoot contract double (which refuses any request
// that does not conform to Chatwoot's published OpenAPI and signs its webhooks as Chatwoot does),
// a database of its own, a hub node wired to the double and a worker running the inbox processors,
// against the test profile's Redis and FerretDB. One set-up for test/inbox/ and the inbox widgets.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startWorker, type WorkerProcess } from '../../hub/worker.js';
import { inboxProcessors } from '../../inbox/processors.js';
import type { InboxOverrides } from '../../inbox/runtime.js';
import { ChatwootDouble, type DoubleOptions } from './chatwoot-double.js';
import { testDatabase } from './community.js';
import { startTestHub } from './hub.js';

/**
 * How long a test waits for something to arrive. The machine is shared and often loaded: waits
 * are generous; what is asserted is what arrives and how often, never how fast.
 */
export const SUPPORT_WAIT_MS = 30_000;

/** The double's agent token (the hub's chatwoot.apiAccessToken). */
export const CHATWOOT_TOKEN = 'chatwoot-agent-token';

/** Outbound Chatwoot calls retry fast, so an outage's backlog drains within a test's waits. */
export const FAST_RETRY: InboxOverrides = { retry: { retries: 1, baseDelayMs: 20, maxDelayMs: 200 } };

/** Rate limits a browser test's page (module chunks, refreshes, clicks) does not run into. */
export const RELAXED_API_LIMITS = {
  ipBurst: 5_000,
  ipRatePerS: 1_000,
  userBurst: 5_000,
  userRatePerS: 1_000,
};

const ACCOUNT_ID = 4;
const INBOX_ID = 9;
const HMAC_TOKEN = 'inbox-hmac';

export type TestHub = Awaited<ReturnType<typeof startTestHub>>;
export type TestDatabase = Awaited<ReturnType<typeof testDatabase>>;

export interface SupportStackOptions {
  /** A few letters naming the stack: its Redis key prefix and its webhook secret derive from it. */
  name: string;
  /** The Chatwoot agents the double knows (Chatwoot's user ids). */
  agents?: DoubleOptions['agents'];
  /** The hub's `inbox` config: routing, agent capacity, agentUsers (presence mapping), grace… */
  inbox?: Record<string, unknown>;
  /** Other hub config (e.g. `api: RELAXED_API_LIMITS` for browser tests). */
  config?: Record<string, unknown>;
  /** Merged over FAST_RETRY: the SLA policies, a provider of another kind. */
  overrides?: InboxOverrides;
  /** Without a worker, nothing consumes the inbox queues (for tests of the hub's routes alone). */
  worker?: boolean;
}

/** A hub node and its worker (when asked for), on the stack's double and database. */
export interface SupportNode {
  hub: TestHub;
  worker: WorkerProcess | undefined;
  stop(): Promise<void>;
}

export interface SupportStack extends SupportNode {
  double: ChatwootDouble;
  db: TestDatabase;
  /** The double's conversation linked to the hub's conversation `id`, once it exists. */
  chatwootConversation(id: string): ChatwootDouble['conversations'][number] | undefined;
  /**
   * Another node and worker on the same double and database, with queues of their own (another
   * key prefix), so only that worker runs their jobs. The double's webhooks still go to `hub`.
   */
  startNode(options: Pick<SupportStackOptions, 'name' | 'overrides'>): Promise<SupportNode>;
}

/** Starts the double, a fresh database, a hub node and (unless `worker: false`) a worker. */
export async function startSupportStack(options: SupportStackOptions): Promise<SupportStack> {
  const secret = `chatwoot-webhook-secret-${options.name}`;
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  };
  try {
    const double = await ChatwootDouble.start({
      apiAccessToken: CHATWOOT_TOKEN,
      accountId: ACCOUNT_ID,
      inboxId: INBOX_ID,
      hmacToken: HMAC_TOKEN,
      webhookSecret: secret,
      agents: options.agents ?? [{ id: 1, name: 'Ada' }],
    });
    cleanups.push(() => double.close());
    const db = await testDatabase();
    cleanups.push(() => db.drop());

    const startNode = async (node: Pick<SupportStackOptions, 'name' | 'overrides'>): Promise<SupportNode> => {
      const overrides: InboxOverrides = { ...FAST_RETRY, ...node.overrides };
      const hub = await startTestHub(
        {
          ...options.config,
          mongodb: { url: db.url },
          redis: { keyPrefix: `${node.name}${randomUUID().slice(0, 6)}` },
          chatwoot: {
            baseUrl: double.url,
            apiAccessToken: CHATWOOT_TOKEN,
            accountId: ACCOUNT_ID,
            inboxId: INBOX_ID,
            hmacToken: HMAC_TOKEN,
            webhookSecret: secret,
            // Tests reconcile on demand (a queued `reconcile` job), not on the schedule.
            reconcileEveryMs: 3_600_000,
          },
          inbox: options.inbox ?? { routing: 'none', agentCapacity: 100 },
        },
        { inbox: overrides },
      );
      let worker: WorkerProcess | undefined;
      try {
        if (options.worker !== false)
          worker = await startWorker(hub.config, (resources) =>
            inboxProcessors(hub.config, resources, overrides),
          );
      } catch (err) {
        await hub.shutdown();
        throw err;
      }
      return {
        hub,
        worker,
        stop: async () => {
          await worker?.shutdown();
          await hub.shutdown();
        },
      };
    };

    const main = await startNode(options);
    cleanups.push(() => main.stop());
    double.setWebhookUrl(`${main.hub.url}/webhooks/chatwoot`);
    return {
      ...main,
      double,
      db,
      stop,
      startNode,
      chatwootConversation: (id) =>
        double.conversations.find((c) => c.custom_attributes['hubbub_conversation_id'] === id),
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/**
 * Starts the stack before the tests of the current file or describe block and stops it after
 * them; after each test, no request the hub made to the double broke Chatwoot's contract.
 * Its properties are there once the tests run.
 */
export function useSupportStack(options: SupportStackOptions): SupportStack {
  let current: SupportStack | undefined;
  beforeAll(async () => {
    current = await startSupportStack(options);
  }, 60_000);
  afterAll(async () => {
    await current?.stop();
  }, 60_000);
  afterEach(() => {
    expect(current?.double.violations()).toEqual([]);
  });
  const stack = (): SupportStack => {
    if (!current) throw new Error('support stack: not started (use it inside a test or hook)');
    return current;
  };
  return {
    get double() {
      return stack().double;
    },
    get db() {
      return stack().db;
    },
    get hub() {
      return stack().hub;
    },
    get worker() {
      return stack().worker;
    },
    stop: () => stack().stop(),
    startNode: (node) => stack().startNode(node),
    chatwootConversation: (id) => stack().chatwootConversation(id),
  };
}
