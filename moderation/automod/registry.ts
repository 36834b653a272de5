// The compiled AutoMod of each community on this node. A community's configuration travels with
// its directory snapshot (so a change reaches every node with the directory's invalidation); an
// engine is compiled once per configuration text and kept while the text stays the same, which
// also keeps its flood and duplicate windows. A stored configuration that no longer compiles
// (written by an older version) is logged and skipped: chat goes on without AutoMod rather than
// stopping.
import type { Logger } from 'pino';
import { AutoMod } from './engine.js';

interface Entry {
  source: string;
  engine: AutoMod | null;
}

export class AutoModRegistry {
  private readonly engines = new Map<string, Entry>();

  constructor(
    private readonly log: Logger,
    /** Communities whose engines are kept; the least recently used go first. */
    private readonly maxCommunities = 10_000,
  ) {}

  /** The community's engine for this configuration text; null when it has no enabled rules. */
  engineFor(communityId: string, source: string): AutoMod | null {
    const hit = this.engines.get(communityId);
    if (hit && hit.source === source) {
      // Map order is insertion order: re-inserting marks it most recently used.
      this.engines.delete(communityId);
      this.engines.set(communityId, hit);
      return hit.engine;
    }
    const entry: Entry = { source, engine: this.compile(communityId, source) };
    this.engines.delete(communityId);
    this.engines.set(communityId, entry);
    if (this.engines.size > this.maxCommunities) {
      const oldest = this.engines.keys().next().value;
      if (oldest !== undefined) this.engines.delete(oldest);
    }
    return entry.engine;
  }

  get size(): number {
    return this.engines.size;
  }

  private compile(communityId: string, source: string): AutoMod | null {
    try {
      const engine = new AutoMod(JSON.parse(source) as unknown as ConstructorParameters<typeof AutoMod>[0]);
      return engine.config.rules.some((r) => r.enabled) ? engine : null;
    } catch (err) {
      this.log.error({ err, communityId }, 'stored AutoMod configuration does not compile; AutoMod is off');
      return null;
    }
  }
}
