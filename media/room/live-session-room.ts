// A live session's Colyseus room: the session's interactive state (participants and roles, the
// raised-hand queue, the stage, Q&A, polls, reactions) replicated to its clients as schema
// deltas, and the audience's own actions (hand, ask, upvote, vote, react) taken in from them.
//
// The room is not the state's owner: every write goes through the same services as the REST
// API (Redis with atomic scripts, whichever node takes it), and each change comes back to every
// node's room over the Redis presence channel of the session. So two nodes' rooms never disagree
// for longer than a publish, and a room can be created, disposed or moved at any time.
//
// A seat lasts while its holder may stay: it closes with 3004 (token expired) when the token the
// seat was reserved with expires, and with 3502 (forbidden) when a host removes the member from
// the session, or a change in the community (kick, ban, a role or overwrite taking VIEW, an
// erased account) leaves them unable to see it, on whichever node the seat is.
//
// Hosts' seats get a StateView with the HOSTS_VIEW tag: their patches also carry the questions
// only hosts may see (held by AutoMod, dismissed), which every other seat's patches leave out.
import { Room, type AuthContext, type Client } from '@colyseus/core';
import { StateView } from '@colyseus/schema';
import { z } from 'zod';
import { CloseCodes } from '../../protocol/close-codes.js';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import { HttpError } from '../../realtime/transport/http.js';
import { REACTIONS } from '../state/reactions.js';
import { HOSTS_VIEW, RoomParticipant, type LiveSessionState } from './room-state.js';
import { applyUpdate, seedState, type LiveUpdate } from './room-sync.js';
import type { Revocation } from './revocations.js';
import type { LiveRoomServices, RoomSeat } from './room-services.js';

export const LIVE_SESSION_ROOM = 'live_session';

/** What clients may send, each with an optional `ref` echoed in the reply. */
const ref = z.string().max(64).optional();
export const roomMessages = {
  hand: z.strictObject({ ref, raised: z.boolean() }),
  ask: z.strictObject({ ref, text: z.string().trim().min(1).max(500) }),
  upvote: z.strictObject({ ref, questionId: z.string().regex(/^[\w-]{8}$/), up: z.boolean() }),
  vote: z.strictObject({
    ref,
    pollId: z.string().regex(/^[\w-]{8}$/),
    choices: z.array(z.number().int().min(0).max(19)).min(1).max(20),
  }),
  react: z.strictObject({ ref, emoji: z.enum(REACTIONS) }),
} as const;
type RoomMessageType = keyof typeof roomMessages;

/** setTimeout's longest delay; a seat whose token outlives it is re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Per member, across their messages in this room: a burst, then a steady pace. */
const MESSAGE_BUCKET = { capacity: 20, refillPerS: 5 };

export interface LiveRoomOptions {
  sessionId: string;
}

export class LiveSessionRoom extends Room<{ state: LiveSessionState }> {
  /** Seats are only reserved by the hub's route, which puts the checked seat in the context;
   * anything else (no seat) is refused. */
  static override onAuth(_token: string, _options: unknown, context: AuthContext): Promise<unknown> {
    const seat = (context as AuthContext & { seat?: RoomSeat }).seat;
    return Promise.resolve(seat ?? false);
  }

  /** Set by the runtime before rooms are created: the services of this process's hub node. */
  static services: LiveRoomServices | undefined;
  private services!: LiveRoomServices;
  private channel = '';
  private communityId = '';
  private stopRevocations: (() => void) | undefined;
  /** Each seat's token-expiry timer. */
  private readonly expiries = new Map<Client, NodeJS.Timeout>();
  private readonly onUpdate = (update: LiveUpdate) => {
    if (update.kind === 'removed') {
      this.closeSeats((seat) => seat.user.id === update.userId, CloseCodes.FORBIDDEN);
      return;
    }
    // Never throw into the presence's subscriber: one bad update must not stop the next ones.
    try {
      applyUpdate(this.state, update);
    } catch (err) {
      this.services.log.warn({ err, kind: update.kind, roomId: this.roomId }, 'live room update failed');
      return;
    }
    if (update.kind === 'status' && update.status !== 'live') {
      // Clients see the final status before the room closes on them.
      this.broadcastPatch();
      void this.disconnect();
    }
  };

  override async onCreate(options: LiveRoomOptions): Promise<void> {
    const services = LiveSessionRoom.services;
    if (!services) throw new Error('live session rooms: no hub node in this process');
    this.services = services;
    this.autoDispose = true;
    this.channel = services.channel(options.sessionId);
    // Subscribe before reading the snapshot, so no change falls between the two.
    await this.presence.subscribe(this.channel, this.onUpdate);
    const snapshot = await services.snapshot(options.sessionId);
    this.communityId = snapshot.communityId;
    this.stopRevocations = services.revocations.subscribe(this.onRevocation);
    this.setState(seedState(snapshot));
    this.maxClients = snapshot.capacity;
    for (const type of Object.keys(roomMessages) as RoomMessageType[]) {
      this.onMessage(type, (client: Client, message: unknown) => void this.handle(type, client, message));
    }
  }

  override onJoin(client: Client, _options: unknown, seat: RoomSeat): void {
    this.state.participants.set(
      client.sessionId,
      Object.assign(new RoomParticipant(), {
        userId: seat.user.id,
        name: seat.user.name,
        role: seat.role,
        joinedAt: Date.now(),
      }),
    );
    // The role is the one the seat route checked (hosts and community administrators).
    if (seat.role === 'host') {
      client.view = new StateView();
      client.view.add(this.state, HOSTS_VIEW);
    }
    this.armExpiry(client, seat.user.expiresAt);
  }

  override onLeave(client: Client): void {
    clearTimeout(this.expiries.get(client));
    this.expiries.delete(client);
    this.state.participants.delete(client.sessionId);
    client.view?.dispose();
  }

  override async onDispose(): Promise<void> {
    this.stopRevocations?.();
    for (const timer of this.expiries.values()) clearTimeout(timer);
    this.expiries.clear();
    await this.presence.unsubscribe(this.channel, this.onUpdate);
  }

  /** Closes the seat when its token expires: a fresh token reserves a new one. */
  private armExpiry(client: Client, expiresAtMs: number): void {
    const inMs = expiresAtMs - Date.now();
    if (inMs <= 0) {
      client.leave(CloseCodes.TOKEN_EXPIRED.code, CloseCodes.TOKEN_EXPIRED.reason);
      return;
    }
    const timer = setTimeout(
      () => {
        if (inMs > MAX_TIMER_MS) this.armExpiry(client, expiresAtMs);
        else client.leave(CloseCodes.TOKEN_EXPIRED.code, CloseCodes.TOKEN_EXPIRED.reason);
      },
      Math.min(inMs, MAX_TIMER_MS),
    );
    timer.unref();
    this.expiries.set(client, timer);
  }

  /** Re-checks the seats a revocation concerns; those no longer allowed are closed. */
  private readonly onRevocation = (revocation: Revocation) => {
    if ('communityId' in revocation && revocation.communityId !== this.communityId) return;
    const concerned = this.clients.filter(
      (client) => !('userId' in revocation) || (client.auth as RoomSeat).user.id === revocation.userId,
    );
    for (const client of concerned) {
      const seat = client.auth as RoomSeat;
      void this.services.mayStay(this.state.sessionId, seat.user).then((may) => {
        if (!may) client.leave(CloseCodes.FORBIDDEN.code, CloseCodes.FORBIDDEN.reason);
      });
    }
  };

  private closeSeats(which: (seat: RoomSeat) => boolean, close: { code: number; reason: string }): void {
    for (const client of this.clients) {
      if (which(client.auth as RoomSeat)) client.leave(close.code, close.reason);
    }
  }

  private async handle(type: RoomMessageType, client: Client, raw: unknown): Promise<void> {
    const seat = client.auth as RoomSeat;
    const parsed = roomMessages[type].safeParse(raw);
    const replyRef =
      typeof raw === 'object' && raw && 'ref' in raw ? String(raw.ref).slice(0, 64) : undefined;
    if (!parsed.success) {
      client.send('error', { ref: replyRef, type, code: 'validation_failed', message: parsed.error.message });
      return;
    }
    try {
      await this.services.limit(seat.user, MESSAGE_BUCKET);
      const result = await this.apply(type, seat.user, parsed.data);
      client.send('ok', { ref: replyRef, type, result });
    } catch (err) {
      const code = err instanceof HttpError ? err.code : 'internal';
      const message = err instanceof HttpError ? err.message : 'the action failed';
      client.send('error', { ref: replyRef, type, code, message });
    }
  }

  private async apply(type: RoomMessageType, user: AuthUser, message: unknown): Promise<unknown> {
    const sessionId = this.state.sessionId;
    const s = this.services;
    switch (type) {
      case 'hand': {
        const m = message as z.infer<typeof roomMessages.hand>;
        return m.raised ? { position: await s.raiseHand(sessionId, user) } : s.lowerHand(sessionId, user);
      }
      case 'ask': {
        const m = message as z.infer<typeof roomMessages.ask>;
        const question = await s.ask(sessionId, user, m.text);
        return { id: question.id, status: question.status };
      }
      case 'upvote': {
        const m = message as z.infer<typeof roomMessages.upvote>;
        return s.upvote(sessionId, user, m.questionId, m.up);
      }
      case 'vote': {
        const m = message as z.infer<typeof roomMessages.vote>;
        await s.vote(sessionId, user, m.pollId, m.choices);
        return { voted: true };
      }
      case 'react': {
        const m = message as z.infer<typeof roomMessages.react>;
        await s.react(sessionId, user, m.emoji);
        return { sent: true };
      }
    }
  }
}
