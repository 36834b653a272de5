// Creates the indexes every model declares (and drops undeclared ones): at startup and in tests,
// since connections run with autoIndex off.
import type { Connection } from 'mongoose';
import { ensureGridFsIndexes } from '../objects/object-store.gridfs.js';
import { attachmentModel } from './attachment.model.js';
import { auditEntryModel } from './audit-entry.model.js';
import { banModel } from './ban.model.js';
import { channelModel } from './channel.model.js';
import { chatMessageModel } from './chat-message.model.js';
import { communityModel } from './community.model.js';
import { memberModel } from './member.model.js';
import { moderationCaseModel } from './moderation-case.model.js';
import { readStateModel } from './read-state.model.js';
import { roleModel } from './role.model.js';
import { scoringDecisionModel } from './scoring-decision.model.js';
import { spamLabelModel } from './spam-label.model.js';
import { spamModelModel } from './spam-model.model.js';

export async function syncModelIndexes(connection: Connection): Promise<void> {
  // One at a time: FerretDB serializes DDL on SQLite anyway, and errors stay attributable.
  for (const model of [
    communityModel(connection),
    memberModel(connection),
    roleModel(connection),
    channelModel(connection),
    chatMessageModel(connection),
    readStateModel(connection),
    banModel(connection),
    auditEntryModel(connection),
    moderationCaseModel(connection),
    scoringDecisionModel(connection),
    spamLabelModel(connection),
    attachmentModel(connection),
    spamModelModel(connection),
  ]) {
    await model.syncIndexes();
  }
  // The attachments' GridFS bucket has no model; its key is written once.
  await ensureGridFsIndexes(connection);
}
