// A live session's interactive state: Q&A, polls and reactions, shared by every hub node
// through Redis and pushed into the LiveKit room as data messages (topic `hubbub.state`), so
// everyone in the session sees it change live. Saved to MongoDB when the session ends.
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { HttpError } from '../../realtime/transport/http.js';
import type { MediaContext } from '../context.js';
import { isHost, type SessionDoc } from '../sessions/access.js';
import { broadcast, isBlocked, publishToRooms } from '../stage/stage.js';
import { PollStore, type PollResults } from './polls.js';
import { QaStore, type QuestionStatus, type RankedQuestion } from './qa.js';
import { ReactionAggregator, type Reaction } from './reactions.js';

/** Updates within this window go out as one data message. */
const BROADCAST_WINDOW_MS = 200;

export interface SessionResults {
  questions: RankedQuestion[];
  polls: PollResults[];
}

export class LiveState {
  readonly qa: QaStore;
  readonly polls: PollStore;
  private readonly reactions: ReactionAggregator;
  /** Sessions seen live on this node, for the reaction broadcasts (they carry only an id). */
  private readonly live = new Map<string, SessionDoc>();
  /** Pending coalesced broadcasts, per session and kind: a burst of votes sends one update. */
  private readonly pending = new Map<string, NodeJS.Timeout>();

  constructor(private readonly ctx: MediaContext) {
    this.qa = new QaStore(ctx.redis);
    this.polls = new PollStore(ctx.redis);
    this.reactions = new ReactionAggregator(ctx.redis, async (sessionId, message) => {
      const session = this.live.get(sessionId);
      if (session) await broadcast(ctx, session, message);
    });
  }

  private keys(session: SessionDoc) {
    return this.ctx.keys.session(session._id.toHexString());
  }

  /** Asking, voting and reacting: while live, and not for those a host removed. */
  async requireParticipant(session: SessionDoc, user: AuthUser): Promise<void> {
    if (session.status !== 'live') throw new HttpError('conflict', 'the session is not live');
    if (await isBlocked(this.ctx, session, user.id)) {
      throw new HttpError('forbidden', 'a host removed you from this session');
    }
  }

  /** What the caller may see: hosts see everything, others open and answered ones, and their own. */
  async questions(session: SessionDoc, user: AuthUser): Promise<RankedQuestion[]> {
    const all = await this.qa.list(this.keys(session), user.id);
    if (await isHost(this.ctx, user, session)) return all;
    return all.filter((q) => q.status === 'open' || q.status === 'answered' || q.authorId === user.id);
  }

  async ask(session: SessionDoc, user: AuthUser, text: string): Promise<RankedQuestion> {
    await this.requireParticipant(session, user);
    const screened = await this.ctx.screenText({
      communityId: session.communityId.toHexString(),
      channelId: session.channelId ? session.channelId.toHexString() : `live-${session._id.toHexString()}`,
      user,
      text,
      what: 'question',
    });
    const question = await this.qa.ask(this.keys(session), {
      authorId: user.id,
      authorName: user.name,
      text,
      status: screened.verdict === 'hold' ? 'held' : 'open',
      ...(screened.verdict === 'hold' ? { heldFor: screened.reason } : {}),
    });
    if (!question) throw new HttpError('rate_limited', 'too many questions in this session');
    if (question.status === 'open') await this.pushQuestions(session);
    else this.pushHostQuestions(session);
    return { ...question, upvotes: 0, youUpvoted: false };
  }

  async upvote(session: SessionDoc, user: AuthUser, questionId: string, up: boolean) {
    await this.requireParticipant(session, user);
    const question = await this.qa.get(this.keys(session), questionId);
    if (!question || (question.status !== 'open' && question.status !== 'answered')) {
      throw new HttpError('not_found', 'no such question');
    }
    const outcome = await this.qa.vote(this.keys(session), questionId, user.id, up);
    if (outcome === 'missing') throw new HttpError('not_found', 'no such question');
    if (outcome.changed) await this.pushQuestions(session);
    return { upvotes: outcome.upvotes, youUpvoted: up };
  }

  async setQuestionStatus(session: SessionDoc, questionId: string, status: QuestionStatus) {
    const question = await this.qa.get(this.keys(session), questionId);
    if (!question) throw new HttpError('not_found', 'no such question');
    await this.qa.setStatus(this.keys(session), question, status);
    await this.pushQuestions(session);
    this.pushHostQuestions(session);
  }

  async createPoll(
    session: SessionDoc,
    host: AuthUser,
    p: { question: string; options: string[]; multiple: boolean },
  ) {
    if (session.status !== 'live') throw new HttpError('conflict', 'the session is not live');
    const poll = await this.polls.create(this.keys(session), { ...p, createdBy: host.id });
    if (!poll) throw new HttpError('rate_limited', 'too many polls in this session');
    this.pushPoll(session, poll.id);
    return this.polls.results(this.keys(session), poll.id);
  }

  async vote(session: SessionDoc, user: AuthUser, pollId: string, choices: number[]) {
    await this.requireParticipant(session, user);
    const outcome = await this.polls.vote(this.keys(session), pollId, user.id, choices);
    switch (outcome) {
      case 'no_poll':
        throw new HttpError('not_found', 'no such poll');
      case 'closed':
        throw new HttpError('conflict', 'the poll is closed');
      case 'already':
        throw new HttpError('conflict', 'you have voted in this poll already');
      case 'bad_choice':
        throw new HttpError(
          'bad_request',
          'choose one option (or several, in a multiple-choice poll) by index',
        );
      case 'ok':
        break;
    }
    const results = await this.polls.results(this.keys(session), pollId, user.id);
    if (results)
      await broadcast(this.ctx, session, { kind: 'poll', poll: { ...results, yourChoices: undefined } });
    return results;
  }

  async closePoll(session: SessionDoc, pollId: string) {
    const outcome = await this.polls.close(this.keys(session), pollId);
    if (outcome === 'missing') throw new HttpError('not_found', 'no such poll');
    if (outcome === 'closed') this.pushPoll(session, pollId);
    return this.polls.results(this.keys(session), pollId);
  }

  async react(session: SessionDoc, user: AuthUser, emoji: Reaction): Promise<void> {
    await this.requireParticipant(session, user);
    const sessionId = session._id.toHexString();
    this.live.set(sessionId, session);
    await this.reactions.react(sessionId, this.keys(session), emoji);
  }

  /** Everything to save when the session ends. */
  async results(session: SessionDoc): Promise<SessionResults> {
    const keys = this.keys(session);
    const [questions, polls] = await Promise.all([this.qa.list(keys), this.polls.list(keys)]);
    return { questions, polls };
  }

  async forget(session: SessionDoc): Promise<void> {
    const keys = this.keys(session);
    const all = [...(await this.qa.keysOf(keys)), ...(await this.polls.keysOf(keys))];
    if (all.length > 0) await this.ctx.redis.del(...all);
    this.live.delete(session._id.toHexString());
  }

  close(): void {
    this.reactions.close();
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
  }

  /** Sends the public Q&A list soon: at most one broadcast per session per window on a node. */
  private pushQuestions(session: SessionDoc): Promise<void> {
    this.coalesce(session, 'questions', async () => {
      const items = (await this.qa.list(this.keys(session))).filter(
        (q) => q.status === 'open' || q.status === 'answered',
      );
      await broadcast(this.ctx, session, { kind: 'questions', items });
    });
    return Promise.resolve();
  }

  /** Sends the questions only hosts see (held, dismissed) to the session's rooms, whose hosts'
   * view carries them; never into the LiveKit room, where every participant would get them. */
  private pushHostQuestions(session: SessionDoc): void {
    if (session.status !== 'live') return;
    this.coalesce(session, 'host-questions', async () => {
      const items = (await this.qa.list(this.keys(session))).filter(
        (q) => q.status === 'held' || q.status === 'dismissed',
      );
      await publishToRooms(
        this.ctx,
        session._id.toHexString(),
        JSON.stringify({ kind: 'hostQuestions', items }),
      );
    });
  }

  private pushPoll(session: SessionDoc, pollId: string): void {
    this.coalesce(session, `poll:${pollId}`, async () => {
      const poll = await this.polls.results(this.keys(session), pollId);
      if (poll) await broadcast(this.ctx, session, { kind: 'poll', poll });
    });
  }

  private coalesce(session: SessionDoc, what: string, send: () => Promise<void>): void {
    const key = `${session._id.toHexString()}:${what}`;
    if (this.pending.has(key)) return;
    this.pending.set(
      key,
      setTimeout(() => {
        this.pending.delete(key);
        send().catch((err: unknown) => this.ctx.log.warn({ err }, 'live state broadcast failed'));
      }, BROADCAST_WINDOW_MS).unref(),
    );
  }
}
