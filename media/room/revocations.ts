// What may have taken a seated member's right to stay in a live session's room, as the hub's
// control bus tells every node: a community's permissions changed (role removed, overwrite,
// channel made private, kick, ban: the bus's `invalidate`), or one user lost topics or was
// disconnected (`drop`, `disconnect`: kick, ban, erasure). Rooms re-check the seats concerned
// against the same rules as the seat route (media/sessions/access.ts) and close those refused.
import type { ControlBus, ControlMessage } from '../../realtime/control.js';

export type Revocation = { communityId: string } | { userId: string };
export type RevocationListener = (revocation: Revocation) => void;

export interface RevocationFeed {
  /** Calls the listener for every revocation from now on; returns the unsubscribe. */
  subscribe(listener: RevocationListener): () => void;
}

/** The revocations the control bus carries (every node receives each message). */
export function revocationsFrom(control: Pick<ControlBus, 'onMessage'> | undefined): RevocationFeed {
  const listeners = new Set<RevocationListener>();
  control?.onMessage((message) => {
    const revocation = revocationOf(message);
    if (revocation) for (const listener of listeners) listener(revocation);
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function revocationOf(message: ControlMessage): Revocation | undefined {
  switch (message.op) {
    case 'invalidate':
      return { communityId: message.communityId };
    case 'drop':
    case 'disconnect':
      return { userId: message.userId };
  }
}
