// What every LiveStateSource keeps: the current snapshot, its listeners, and the member's own
// bits; the member's changes are applied here (local-changes.ts), so both sources show them alike.
import { applyLocalChange, MemberBits } from './local-changes.js';
import { EMPTY_STAGE, type LiveChange, type LiveSnapshot, type LocalChange } from './state-source.js';

type Listener = (snapshot: LiveSnapshot, change: LiveChange) => void;

export class SnapshotStore {
  state: LiveSnapshot = { stage: EMPTY_STAGE, questions: [], polls: [], reactions: null, loaded: false };
  readonly bits = new MemberBits();
  private readonly listeners = new Set<Listener>();

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells the listeners the state changed. */
  emit(change: LiveChange): void {
    for (const listener of this.listeners) listener(this.state, change);
  }

  record(change: LocalChange): void {
    const { state, change: kind } = applyLocalChange(this.state, change, this.bits);
    this.state = state;
    this.emit(kind);
  }

  close(): void {
    this.listeners.clear();
  }
}
