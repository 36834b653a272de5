// What is news in a live session's state, to say through the live region: for hosts, a newly
// raised hand and each new question from someone else; for everyone, a poll someone else opened.
// Each said once; the first load is not news. Pure, so it is unit-tested.
import type { I18n } from '../shared/i18n/i18n.js';
import type { LiveChange, LiveSnapshot } from './state-source.js';

export class LiveNews {
  private hands = 0;
  private primed = false;
  private readonly polls = new Set<string>();
  private readonly questions = new Set<string>();

  constructor(
    private readonly me: string,
    private readonly host: boolean,
  ) {}

  /** The sentences to announce for this change. */
  read(s: LiveSnapshot, _change: LiveChange, i18n: I18n): string[] {
    const news: string[] = [];
    // The first snapshot is what was there before the member came; later changes may bring
    // news, such as a question AutoMod held (hosts get those from the room's hosts-only view).
    const first = !this.primed;
    this.primed = true;
    if (this.host && !first && s.stage.hands.length > this.hands)
      news.push(i18n.t('live.hands', { count: s.stage.hands.length }));
    this.hands = s.stage.hands.length;
    for (const poll of s.polls) {
      if (this.polls.has(poll.id)) continue;
      this.polls.add(poll.id);
      if (!first && poll.status === 'open' && poll.createdBy !== this.me)
        news.push(i18n.t('live.pollNow', { question: poll.question }));
    }
    for (const q of s.questions) {
      if (this.questions.has(q.id)) continue;
      this.questions.add(q.id);
      if (this.host && !first && q.authorId !== this.me)
        news.push(i18n.t('live.newQuestion', { name: q.authorName }));
    }
    return news;
  }
}
