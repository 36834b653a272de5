// The schema of a live session's Colyseus room: what every client in the room sees, kept in
// step by delta-encoded patches. It mirrors the session's live state, whose writers are the hub's
// REST routes and the room's own messages, all going through media/state and media/stage.
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
    polls: t.map(RoomPoll),
    /** The last second's reactions: emoji -> count, and which second they are of. */
    reactions: t.map('number'),
    reactionsSecond: t.number(),
  },
  'LiveSessionState',
);
export type LiveSessionState = SchemaType<typeof LiveSessionState>;
