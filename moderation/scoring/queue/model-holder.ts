// The spam model a worker scores with: the newest retrained version in MongoDB, or the shipped
// model.json (version 0) until there is one. Each worker polls the version every few seconds
// and loads a newer artifact when it appears, so a retrain reaches every worker without a
// restart or a redeploy.
import type { Connection } from 'mongoose';
import { parseArtifact } from '../artifact.js';
import { shippedSpamModel } from '../spam-scorer.js';
import { getSpamModel, latestSpamModelVersion } from '../../../storage/repositories/spam-training.js';
import type { VersionedModel } from './score-message.js';

export class ModelHolder {
  private model: VersionedModel = { version: 0, model: shippedSpamModel() };
  private timer: NodeJS.Timeout | undefined;
  private refreshing: Promise<number> | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  current(): VersionedModel {
    return this.model;
  }

  /** Loads the newest version if it is newer than the one held; returns the version held. */
  refresh(): Promise<number> {
    this.refreshing ??= (async () => {
      try {
        const latest = await latestSpamModelVersion(this.connection);
        if (latest > this.model.version) {
          const stored = await getSpamModel(this.connection, latest);
          if (stored)
            this.model = { version: stored.version, model: parseArtifact(JSON.parse(stored.artifact)) };
        }
        return this.model.version;
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  start(pollMs: number): void {
    this.stop();
    this.timer = setInterval(() => void this.refresh().catch((err: Error) => this.onError(err)), pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
