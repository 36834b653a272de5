// Erases a community from MongoDB: its messages and read states, channels, roles, members, bans,
// moderation cases, scoring decisions, spam-training labels and its own audit log. The community
// record goes last, so a crash part-way leaves it findable and erasing it again finishes the job
// (every step is a deleteMany, harmless to repeat). The stored publications of its topics and its
// Redis keys are the caller's (community/provisioning.ts), as is the system audit entry.
import type { Connection } from 'mongoose';
import { auditEntryModel } from '../models/audit-entry.model.js';
import { auditTrailOf } from './audit-keys.js';
import { banModel } from '../models/ban.model.js';
import { channelModel } from '../models/channel.model.js';
import { chatMessageModel } from '../models/chat-message.model.js';
import { communityModel } from '../models/community.model.js';
import { memberModel } from '../models/member.model.js';
import { moderationCaseModel } from '../models/moderation-case.model.js';
import { readStateModel } from '../models/read-state.model.js';
import { roleModel } from '../models/role.model.js';
import { scoringDecisionModel } from '../models/scoring-decision.model.js';
import { spamLabelModel } from '../models/spam-label.model.js';
import { oid, type Id } from './errors.js';

export interface CommunityErasureCounts {
  messages: number;
  channels: number;
  members: number;
  cases: number;
}

/** The ids of a community's channels (threads included): the topics its content lives on. */
export async function communityChannelIds(connection: Connection, communityId: Id): Promise<string[]> {
  const channels = await channelModel(connection)
    .find({ communityId: oid(communityId, 'communityId') }, { _id: 1 })
    .lean();
  return channels.map((c) => c._id.toHexString());
}

export async function eraseCommunityDocuments(
  connection: Connection,
  communityId: Id,
): Promise<CommunityErasureCounts> {
  const id = oid(communityId, 'communityId');
  const channelIds = (await channelModel(connection).find({ communityId: id }, { _id: 1 }).lean()).map(
    (c) => c._id,
  );
  // By channel: the messages' and read states' indexes lead with channelId.
  const messages = await chatMessageModel(connection).deleteMany({ channelId: { $in: channelIds } });
  await readStateModel(connection).deleteMany({ channelId: { $in: channelIds } });
  const cases = await moderationCaseModel(connection).deleteMany({ communityId: id });
  await scoringDecisionModel(connection).deleteMany({ communityId: id });
  await spamLabelModel(connection).deleteMany({ communityId: id });
  const members = await memberModel(connection).deleteMany({ communityId: id });
  await banModel(connection).deleteMany({ communityId: id });
  await roleModel(connection).deleteMany({ communityId: id });
  const channels = await channelModel(connection).deleteMany({ communityId: id });
  // The community's own log describes its content; the system log keeps the deletion.
  await auditEntryModel(connection).deleteMany({ communityId: id });
  await auditTrailOf(connection).checkpoints.forget(id.toHexString());
  await communityModel(connection).deleteOne({ _id: id });
  return {
    messages: messages.deletedCount,
    channels: channels.deletedCount,
    members: members.deletedCount,
    cases: cases.deletedCount,
  };
}

/**
 * Erases one channel of a community with its threads, their messages and read states. A
 * category's channels stay, outside any category. Returns the ids erased (the channel first).
 */
export async function eraseChannelDocuments(connection: Connection, channelId: Id): Promise<string[]> {
  const id = oid(channelId, 'channelId');
  const Channel = channelModel(connection);
  const threads = await Channel.find({ parentId: id, kind: 'thread' }, { _id: 1 }).lean();
  const ids = [id, ...threads.map((t) => t._id)];
  await chatMessageModel(connection).deleteMany({ channelId: { $in: ids } });
  await readStateModel(connection).deleteMany({ channelId: { $in: ids } });
  await Channel.updateMany({ parentId: id }, { $set: { parentId: null } });
  await Channel.deleteMany({ _id: { $in: ids } });
  return ids.map((c) => c.toHexString());
}
