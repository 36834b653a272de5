// The member's own changes, shown before the state comes back from the hub: shared by every
// LiveStateSource, so the optimistic rules are the same whichever way the state travels. Also
// what only this member knows (their upvotes, their poll choices), which broadcasts and the
// Colyseus room's state never carry.
import type { LiveChange, LiveSnapshot, LocalChange } from './state-source.js';
import { sortQuestions } from './live-logic.js';

/** Per-member facts the shared state leaves out, kept from REST reads and the member's actions. */
export class MemberBits {
  readonly upvotes = new Set<string>();
  /** Poll id → the member's choices. */
  readonly choices = new Map<string, number[]>();

  /** Learns from a REST read (questions with `youUpvoted`, polls with `yourChoices`). */
  learn(read: {
    questions?: readonly { id: string; youUpvoted?: boolean }[];
    polls?: readonly { id: string; yourChoices?: number[] }[];
  }): void {
    for (const q of read.questions ?? []) if (q.youUpvoted) this.upvotes.add(q.id);
    for (const p of read.polls ?? []) if (p.yourChoices) this.choices.set(p.id, p.yourChoices);
  }
}

/** The snapshot with the member's change applied, and which kind of change it is. */
export function applyLocalChange(
  s: LiveSnapshot,
  change: LocalChange,
  bits: MemberBits,
): { state: LiveSnapshot; change: LiveChange } {
  switch (change.kind) {
    case 'question':
      return {
        state: s.questions.some((q) => q.id === change.question.id)
          ? s
          : { ...s, questions: sortQuestions([...s.questions, change.question]) },
        change: 'questions',
      };
    case 'upvote':
      if (change.youUpvoted) bits.upvotes.add(change.questionId);
      else bits.upvotes.delete(change.questionId);
      return {
        state: {
          ...s,
          questions: sortQuestions(
            s.questions.map((q) =>
              q.id === change.questionId
                ? { ...q, upvotes: change.upvotes, youUpvoted: change.youUpvoted }
                : q,
            ),
          ),
        },
        change: 'questions',
      };
    case 'poll': {
      if (change.poll.yourChoices) bits.choices.set(change.poll.id, change.poll.yourChoices);
      const known = s.polls.some((p) => p.id === change.poll.id);
      return {
        state: {
          ...s,
          polls: known
            ? s.polls.map((p) => (p.id === change.poll.id ? change.poll : p))
            : [change.poll, ...s.polls],
        },
        change: 'poll',
      };
    }
    case 'stage':
      return { state: { ...s, stage: change.stage }, change: 'stage' };
  }
}
