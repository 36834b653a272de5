// Every Redis key of media/, built in one place. A session's keys share the {session id} hash
// tag, so a Lua script may touch them together on one Redis Cluster slot.
import { keySpace } from '../storage/redis-keys.js';

export interface SessionKeys {
  /** ZSET userId -> time of the raise (ms): the raised-hand queue, oldest first. */
  hands: string;
  /** SET of userIds invited to the stage (speakers; hosts are not listed). */
  stage: string;
  /** SET of userIds removed by a host: no token is minted for them, and LiveKit drops them. */
  blocked: string;
  /** HASH userId -> JSON {joinedAt} of those in the LiveKit room now (from webhooks). */
  present: string;
  /** HASH counters of the session's telemetry (joins, peak, watchMs, handRaises, questions). */
  counters: string;
  /** SET of userIds who voted in any poll of the session. */
  pollVoters: string;
  /** SET of identities publishing a microphone track now (track webhooks): who speaks. */
  onAir: string;
  /** HASH questionId -> JSON question. */
  questions: string;
  /** ZSET questionId -> upvotes. */
  questionScores: string;
  /** SET of the userIds who upvoted one question. */
  questionVoters(questionId: string): string;
  /** HASH pollId -> JSON poll. */
  polls: string;
  /** HASH userId -> JSON choice indexes, one per voter: one vote per user. */
  pollVotes(pollId: string): string;
  /** HASH choice index -> count. */
  pollTally(pollId: string): string;
  /** HASH emoji -> count, of one second (epoch s); expires soon after. */
  reactions(second: number): string;
  /** STRING (NX): the node that broadcasts one second's reactions. */
  reactionsFlushed(second: number): string;
  /** HASH `<minute (epoch ms)>:<emoji>` -> count: reactions over time, for the summary. */
  reactionsByMinute: string;
  /** The session's state changes, for its Colyseus rooms on every node: the topic the rooms
   * subscribe to through Colyseus' presence, and the pub/sub CHANNEL it is (the presence puts
   * its topics under the deployment's Colyseus channel prefix), which the hub publishes to. */
  roomTopic: string;
  roomChannel: string;
}

export interface MediaKeys {
  session(sessionId: string): SessionKeys;
  /** STRING (PX expiry): a LiveKit webhook event id's claim token while handled, `done` once handled. */
  webhookSeen(eventId: string): string;
  /** HASH (room, status, startedAt, stoppedAt): a local recorder's recording (metadata only). */
  recording(recordingId: string): string;
}

export function mediaKeys(prefix: string): MediaKeys {
  const colyseusChannels = keySpace(prefix).colyseus.channelPrefix;
  return {
    session(sessionId) {
      const base = `${prefix}live:{${sessionId}}`;
      return {
        hands: `${base}:hands`,
        stage: `${base}:stage`,
        blocked: `${base}:blocked`,
        present: `${base}:present`,
        counters: `${base}:counters`,
        pollVoters: `${base}:poll-voters`,
        onAir: `${base}:on-air`,
        questions: `${base}:questions`,
        questionScores: `${base}:question-scores`,
        questionVoters: (q) => `${base}:q:${q}:voters`,
        polls: `${base}:polls`,
        pollVotes: (p) => `${base}:poll:${p}:votes`,
        pollTally: (p) => `${base}:poll:${p}:tally`,
        reactions: (second) => `${base}:reactions:${second}`,
        reactionsFlushed: (second) => `${base}:reactions:${second}:flushed`,
        roomTopic: `live:${sessionId}`,
        roomChannel: `${colyseusChannels}live:${sessionId}`,
        reactionsByMinute: `${base}:reactions-by-minute`,
      };
    },
    webhookSeen: (eventId) => `${prefix}livekit:webhook:${eventId}`,
    recording: (recordingId) => `${prefix}live:recording:${recordingId}`,
  };
}
