// The MongoDB connection. One mongoose connection per process, created here and passed down;
// nothing uses mongoose's global default connection, so tests can run isolated databases.
import mongoose from 'mongoose';

export type MongoConnection = mongoose.Connection;

export interface MongoOptions {
  /** How long to wait for a server before an operation fails. */
  serverSelectionTimeoutMs?: number;
}

const connectionOptions = (options: MongoOptions): mongoose.ConnectOptions => ({
  serverSelectionTimeoutMS: options.serverSelectionTimeoutMs ?? 5_000,
  // Indexes are created by syncIndexes() at startup and in tests, not lazily per model.
  autoIndex: false,
  autoCreate: false,
});

/** Connects, and fails if the server cannot be reached in time. */
export async function connectMongo(url: string, options: MongoOptions = {}): Promise<MongoConnection> {
  return mongoose.createConnection(url, connectionOptions(options)).asPromise();
}

/**
 * A connection that keeps trying until the server answers, for long-running processes: a hub
 * started before its database serves as soon as the database comes up (readiness tells the
 * load balancer meanwhile). After the first success the driver reconnects by itself.
 */
export class MongoKeeper {
  readonly connection: MongoConnection = mongoose.createConnection();
  private stopped = false;
  readonly opened: Promise<void>;

  constructor(
    url: string,
    options: MongoOptions & { retryMs?: number; onRetry?: (err: Error) => void } = {},
  ) {
    this.opened = (async () => {
      while (!this.stopped) {
        try {
          await this.connection.openUri(url, connectionOptions(options));
          return;
        } catch (err) {
          options.onRetry?.(err as Error);
          await new Promise((r) => setTimeout(r, options.retryMs ?? 1_000));
        }
      }
    })();
  }

  async ping(): Promise<void> {
    await pingMongo(this.connection);
  }

  async close(): Promise<void> {
    this.stopped = true;
    await this.connection.close();
  }
}

/** Round trip to the server; throws when it is unreachable. */
export async function pingMongo(connection: MongoConnection): Promise<void> {
  const db = connection.db;
  if (!db || connection.readyState !== mongoose.ConnectionStates.connected) throw new Error('not connected');
  await db.command({ ping: 1 });
}
