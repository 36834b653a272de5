// What erases the parts of a deleted community that features built on it keep (live sessions,
// support links): one list for the hub node's service API and the `hub community` command.
import type { Connection } from 'mongoose';
import type { CommunityEraser } from '../community/provisioning.js';
import { eraseCommunitySupport } from '../inbox/store/community-erasure.js';
import { eraseCommunitySessions } from '../media/sessions/community-erasure.js';

export function featureErasers(connection: Connection): CommunityEraser[] {
  return [(id) => eraseCommunitySessions(connection, id), (id) => eraseCommunitySupport(connection, id)];
}
