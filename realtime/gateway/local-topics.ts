// Which topics this node listens to on the broker. A node holds a topic's broker subscription
// only while it has local subscribers (counted by uWS, reported by its `subscription` event) or
// connections in the middle of joining it. Joining connections get the topic's live frames in
// a buffer of their own until their subscribe reply is out, so nothing falls between the
// history they recover and the live frames that follow.
import type { Broker } from '../broker/broker.js';

export interface Joiner {
  topic: string;
  /** Live frames that arrived while joining, in order. */
  buffer: string[];
}

export class LocalTopics {
  private readonly held = new Set<string>();
  private readonly joiners = new Map<string, Set<Joiner>>();
  /** Per topic, the tail of its chain of broker (un)subscribe operations: one at a time. */
  private readonly ops = new Map<string, Promise<void>>();

  constructor(
    private readonly broker: Broker,
    /** Local uWS subscribers of a topic. */
    private readonly localSubscribers: (topic: string) => number,
  ) {}

  /** Starts buffering the topic's live frames for one connection; resolves once they flow. */
  async beginJoin(topic: string): Promise<Joiner> {
    const joiner: Joiner = { topic, buffer: [] };
    let set = this.joiners.get(topic);
    if (!set) this.joiners.set(topic, (set = new Set()));
    set.add(joiner);
    try {
      await this.chain(topic, async () => {
        if (!this.held.has(topic)) {
          await this.broker.subscribe(topic);
          this.held.add(topic);
        }
      });
    } catch (err) {
      this.endJoin(joiner);
      throw err;
    }
    return joiner;
  }

  /** Stops buffering for this joiner (it subscribed with uWS, or gave up). */
  endJoin(joiner: Joiner): void {
    const set = this.joiners.get(joiner.topic);
    set?.delete(joiner);
    if (set?.size === 0) this.joiners.delete(joiner.topic);
    this.releaseIfUnused(joiner.topic);
  }

  /** Called for every live frame the broker hands this node, before uWS publishes it. */
  buffer(topic: string, frame: string): void {
    const set = this.joiners.get(topic);
    if (set) for (const j of set) j.buffer.push(frame);
  }

  /** uWS's subscription event, or any moment the topic may have lost its last user. */
  releaseIfUnused(topic: string): void {
    if (this.joiners.has(topic) || this.localSubscribers(topic) > 0) return;
    void this.chain(topic, async () => {
      if (this.held.has(topic) && !this.joiners.has(topic) && this.localSubscribers(topic) === 0) {
        this.held.delete(topic);
        await this.broker.unsubscribe(topic);
      }
    });
  }

  get heldCount(): number {
    return this.held.size;
  }

  isHeld(topic: string): boolean {
    return this.held.has(topic);
  }

  private chain(topic: string, op: () => Promise<void>): Promise<void> {
    const next = (this.ops.get(topic) ?? Promise.resolve()).then(op);
    const tail = next.catch(() => undefined);
    this.ops.set(topic, tail);
    void tail.then(() => {
      if (this.ops.get(topic) === tail) this.ops.delete(topic);
    });
    return next;
  }
}
