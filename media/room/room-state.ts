// The schema of a live session's Colyseus room: what every client in the room sees, kept in
// step by delta-encoded patches. It mirrors the session's live state, whose writers are the hub's
// REST routes and the room's own messages, all going through media/state and media/stage.
// One part is for hosts only: the questions nobody else may see (held by AutoMod, dismissed),
// in a field tagged with HOSTS_VIEW, which Colyseus encodes only for clients whose StateView
// carries that tag (the room gives one to hosts' seats); everyone else's patches leave it out.
import { schema, t, type SchemaType } from '@colyseus/schema';

export const RoomParticipant = schema(
  {
    userId: t.string(),
    name: t.string(),
    role: t.string(),
    joinedAt: t.number(),
  },
  'RoomParticipant',
);
export type RoomParticipant = SchemaType<typeof RoomParticipant>;

export const RoomHand = schema({ userId: t.string(), raisedAt: t.number() }, 'RoomHand');
export type RoomHand = SchemaType<typeof RoomHand>;

export const RoomQuestion = schema(
  {
    id: t.string(),
    authorId: t.string(),
    authorName: t.string(),
    text: t.string(),
    status: t.string(),
    upvotes: t.number(),
    createdAt: t.number(),
    /** Why AutoMod held it: set on held questions only, which only hosts receive. */
    heldFor: t.string(),
  },
  'RoomQuestion',
);
export type RoomQuestion = SchemaType<typeof RoomQuestion>;

export const RoomPoll = schema(
  {
    id: t.string(),
    question: t.string(),
    options: t.array('string'),
    counts: t.array('number'),
    multiple: t.boolean(),
    status: t.string(),
    voters: t.number(),
    createdAt: t.number(),
    /** 0 while open. */
    closedAt: t.number(),
    createdBy: t.string(),
  },
  'RoomPoll',
);
export type RoomPoll = SchemaType<typeof RoomPoll>;

/** The view tag of the hosts' part of the state (Colyseus' custom tags are powers of two). */
export const HOSTS_VIEW = 1;

export const LiveSessionState = schema(
  {
    sessionId: t.string(),
    title: t.string(),
    status: t.string(),
    /** Who is in the room now, by Colyseus session id (one member may have several tabs). */
    participants: t.map(RoomParticipant),
    /** The raised-hand queue, oldest first. */
    hands: t.array(RoomHand),
    hosts: t.array('string'),
    speakers: t.array('string'),
    /** Who publishes a microphone now: who is speaking on stage. */
    onAir: t.array('string'),
    /** Open and answered questions, in Q&A order (upvotes, then age). */
    questions: t.array(RoomQuestion),
    /** Hosts only (HOSTS_VIEW): held and dismissed questions, held first, then oldest first. */
    hostQuestions: t.array(RoomQuestion).view(HOSTS_VIEW),
    polls: t.map(RoomPoll),
    /** The last second's reactions: emoji -> count, and which second they are of. */
    reactions: t.map('number'),
    reactionsSecond: t.number(),
  },
  'LiveSessionState',
);
export type LiveSessionState = SchemaType<typeof LiveSessionState>;
