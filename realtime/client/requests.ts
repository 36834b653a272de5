// Commands waiting for their reply on one connection: ids, timeouts, and settling by reply.
import type { Command, CommandType, ReplyFrame, ResultOf } from '../../protocol/index.js';
import { clientError, HubRequestError, type ClientErrorCode } from './errors.js';

type WithoutId<C> = C extends unknown ? Omit<C, 'id'> : never;
/** A command as callers write it: the id is the tracker's to assign. */
export type CommandBody = WithoutId<Command>;

interface Pending {
  type: CommandType;
  resolve(result: unknown): void;
  reject(err: HubRequestError): void;
  timer: ReturnType<typeof setTimeout>;
}

export class PendingRequests {
  // Ids start at 1 on every connection and are never reused on it.
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  get size(): number {
    return this.pending.size;
  }

  /**
   * Registers a command and returns the frame to send and the promise of its result, which
   * rejects with code 'timeout' when no reply came within `timeoutMs`.
   */
  open<B extends CommandBody>(
    body: B,
    timeoutMs: number,
  ): { frame: B & { id: number }; result: Promise<ResultOf[B['type']]> } {
    const id = this.nextId++;
    const result = new Promise<ResultOf[B['type']]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(clientError('timeout', body.type));
      }, timeoutMs);
      // The server's reply to a command of type T carries ResultOf[T]: the protocol's contract.
      this.pending.set(id, {
        type: body.type,
        resolve: (r) => resolve(r as ResultOf[B['type']]),
        reject,
        timer,
      });
    });
    return { frame: { ...body, id }, result };
  }

  /** Settles the command a reply answers; false when nothing waits for it (late or unknown). */
  settle(reply: ReplyFrame): boolean {
    const entry = this.pending.get(reply.id);
    if (!entry) return false;
    this.pending.delete(reply.id);
    clearTimeout(entry.timer);
    if ('error' in reply) entry.reject(new HubRequestError(reply.error, entry.type));
    else entry.resolve(reply.result);
    return true;
  }

  /** Rejects one command, e.g. when its frame could not be sent. */
  fail(id: number, code: ClientErrorCode): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.reject(clientError(code, entry.type));
  }

  /** Rejects every waiting command: the connection is gone and no reply will come. */
  failAll(code: ClientErrorCode): void {
    for (const id of [...this.pending.keys()]) this.fail(id, code);
  }
}
