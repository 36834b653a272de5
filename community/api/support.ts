// What every community route needs: the dependencies, and the checks that turn "who is asking"
// into "may they": a channel the caller cannot view is reported exactly like one that does not
// exist (404), so the API never reveals a channel's existence.
import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { AuthUser } from '../../realtime/auth/token-verifier.js';
import type { ControlBus } from '../../realtime/control.js';
import type { Publisher } from '../../realtime/publisher.js';
import { HttpError } from '../../realtime/transport/http.js';
import { RepositoryError } from '../../storage/repositories/errors.js';
import type { ChannelStanding, CommunityAccess, Standing } from '../access.js';
import type { Attachments } from '../attachments/attachments.js';
import type { ChannelSnapshot } from '../directory.js';
import type { MarketplaceEvents } from '../events/marketplace-events.js';
import type { Privacy } from '../privacy.js';
import type { ProvisioningDeps } from '../provisioning-deps.js';
import { has, type Permission } from '../permissions/permissions.js';
import { chanTopic } from '../../protocol/index.js';

export interface CommunityApiDeps {
  connection: Connection;
  access: CommunityAccess;
  control: ControlBus;
  /** Publishes the hub's own events on topics (edits, reactions, read states...). */
  publisher: Publisher;
  privacy: Privacy;
  /** Checks that features built on the community (moderation) add to its REST writes. */
  screens: Screens;
  /** What the service API creates, archives and erases communities with. */
  provisioning: ProvisioningDeps;
  /** Signed event webhooks to the marketplace core (member joined/left, flagged, decided...). */
  events: MarketplaceEvents;
  /** Files in chat, when the hub has an object store: deleting a message deletes its files. */
  attachments?: Attachments;
}

/** A proposed edit of a message in a community channel. */
export interface ProposedEdit {
  user: AuthUser;
  communityId: string;
  channelId: string;
  messageId: string;
  body: string;
}

/**
 * Screens an edit before it is stored: throws an HttpError to refuse it, or may hide the
 * message (the edit is then announced as `message.hidden`, never with its text).
 */
export type EditScreen = (edit: ProposedEdit) => Promise<void>;

/** A file being uploaded to a community channel: its type sniffed from the bytes, its clean name. */
export interface ProposedUpload {
  user: AuthUser;
  communityId: string;
  channelId: string;
  file: { contentType: string; name: string };
}

/** Screens an upload once its type is known, before anything is stored: throws to refuse it. */
export type UploadScreen = (upload: ProposedUpload) => Promise<void>;

export interface Screens {
  edit: EditScreen[];
  upload: UploadScreen[];
}

export const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'must be an id');
export const userIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be a user id');

type PermissionBit = (typeof Permission)[keyof typeof Permission];

export async function requireMember(
  deps: CommunityApiDeps,
  user: AuthUser,
  communityId: string,
): Promise<Standing> {
  const standing = await deps.access.standing(user.id, communityId);
  if (!standing) throw new HttpError('not_found', 'no such community, or you are not a member');
  return standing;
}

export function requirePermission(bits: number, bit: PermissionBit, what: string): void {
  if (!has(bits, bit)) throw new HttpError('forbidden', `you may not ${what}`);
}

/** A channel the caller may view: a community channel, or a direct conversation they are in. */
export type ViewableChannel =
  | { direct: false; topic: string; standing: ChannelStanding; channel: ChannelSnapshot }
  | { direct: true; topic: string; standing: null; channel: ChannelSnapshot };

export async function requireChannel(
  deps: CommunityApiDeps,
  user: AuthUser,
  channelId: string,
): Promise<ViewableChannel> {
  const home = await deps.access.directory.communityOf(channelId);
  const missing = new HttpError('not_found', 'no such channel');
  if (home === undefined) throw missing;
  if (home === null) {
    const dm = await deps.access.directory.directChannel(channelId);
    if (!dm?.participantIds.includes(user.id)) throw missing;
    return { direct: true, topic: chanTopic(null, channelId), standing: null, channel: dm };
  }
  const standing = await deps.access.inChannel(user.id, home, channelId);
  if (!standing) throw missing;
  return { direct: false, topic: chanTopic(home, channelId), standing, channel: standing.channel };
}

/** Every node forgets what it cached about the community, so the change applies at once. */
export async function communityChanged(deps: CommunityApiDeps, communityId: string): Promise<void> {
  deps.access.directory.invalidate(communityId);
  await deps.control.send({ op: 'invalidate', communityId });
}

/** Runs a repository call, turning its coded errors into the API's. */
export async function repo<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (err) {
    if (err instanceof RepositoryError) throw new HttpError(err.code, err.message);
    throw err;
  }
}

/** Publishes a hub event on a topic, idempotently by the given key. */
export async function publishEvent(
  deps: CommunityApiDeps,
  topic: string,
  key: string,
  data: object,
  by: AuthUser,
): Promise<void> {
  await deps.publisher.publish(topic, {
    nonce: key,
    data: JSON.stringify(data),
    info: { id: by.id, name: by.name },
  });
}
