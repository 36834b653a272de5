// The shapes repositories return: the models' stored documents, with their ids, as plain objects
// (what `lean()` reads: arrays of subdocuments as plain arrays).
import type { InferRawDocTypeFromSchema } from 'mongoose';
import type { AuditEntryModel } from '../models/audit-entry.model.js';
import type { BanModel } from '../models/ban.model.js';
import type { ChannelModel } from '../models/channel.model.js';
import type { ChatMessageModel } from '../models/chat-message.model.js';
import type { CommunityModel } from '../models/community.model.js';
import type { MemberModel } from '../models/member.model.js';
import type { ModerationCaseModel } from '../models/moderation-case.model.js';
import type { ReadStateModel } from '../models/read-state.model.js';
import type { RoleModel } from '../models/role.model.js';

export type CommunityDoc = InferRawDocTypeFromSchema<CommunityModel['schema']>;
export type MemberDoc = InferRawDocTypeFromSchema<MemberModel['schema']>;
export type RoleDoc = InferRawDocTypeFromSchema<RoleModel['schema']>;
export type ChannelDoc = InferRawDocTypeFromSchema<ChannelModel['schema']>;
export type ChatMessageDoc = InferRawDocTypeFromSchema<ChatMessageModel['schema']>;
export type ReadStateDoc = InferRawDocTypeFromSchema<ReadStateModel['schema']>;
export type BanDoc = InferRawDocTypeFromSchema<BanModel['schema']>;
export type AuditEntryDoc = InferRawDocTypeFromSchema<AuditEntryModel['schema']>;
export type ModerationCaseDoc = InferRawDocTypeFromSchema<ModerationCaseModel['schema']>;
export type OverwriteDoc = ChannelDoc['overwrites'][number];
