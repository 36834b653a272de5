// Message search: a case-insensitive substring match of the body. FerretDB has no text indexes
// ($text), so this is an unanchored `$regex` of the user's text with every regex metacharacter
// escaped: no index serves it, and it scans the candidate messages of the channels given.
import type { Connection } from 'mongoose';
import { chatMessageModel } from '../models/chat-message.model.js';
import { notFound, oid, RepositoryError, type Id } from './errors.js';
import type { ChatMessageDoc } from './types.js';

export const MAX_QUERY = 200;
export const MAX_RESULTS = 50;

/** The text as a regex matching itself literally (valid for MongoDB's PCRE and FerretDB's RE2). */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface SearchInput {
  /** Null to search direct messages. */
  communityId: Id | null;
  /** The channels the caller may view: nothing outside them is ever returned. */
  channelIds: readonly Id[];
  query: string;
  limit: number;
  /** The id of the last message of the previous page. */
  before?: Id;
}

/** Live messages whose body contains the query, ignoring case; newest first. */
export async function searchMessages(connection: Connection, input: SearchInput): Promise<ChatMessageDoc[]> {
  if (typeof input.query !== 'string') throw new RepositoryError('validation_failed', 'query must be text');
  const query = input.query.trim();
  if (query.length > MAX_QUERY)
    throw new RepositoryError('validation_failed', `query is longer than ${MAX_QUERY}`);
  const channelIds = input.channelIds.map((c) => oid(c, 'channelId'));
  const limit = Math.min(Math.max(Math.trunc(input.limit), 0), MAX_RESULTS);
  if (query === '' || channelIds.length === 0 || !(limit > 0)) return [];

  const Message = chatMessageModel(connection);
  const filter = {
    communityId: input.communityId === null ? null : oid(input.communityId, 'communityId'),
    channelId: { $in: channelIds },
    deletedAt: null,
    body: { $regex: escapeRegex(query), $options: 'i' },
  };
  let page = {};
  if (input.before !== undefined) {
    const cursor = await Message.findById(oid(input.before, 'before'), { createdAt: 1 }).lean<
      Pick<ChatMessageDoc, '_id' | 'createdAt'>
    >();
    if (!cursor) throw notFound('message');
    page = {
      $or: [
        { createdAt: { $lt: cursor.createdAt } },
        { createdAt: cursor.createdAt, _id: { $lt: cursor._id } },
      ],
    };
  }
  return Message.find({ ...filter, ...page })
    .sort({ createdAt: -1, _id: -1 })
    .limit(limit)
    .lean<ChatMessageDoc[]>();
}
