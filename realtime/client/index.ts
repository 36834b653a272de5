// The Hubbub client SDK: runs in browsers and in Node, imports nothing but protocol/.
export {
  callApi,
  HubApiError,
  type ApiTokenProvider,
  type CallOptions,
  type HubApiOptions,
} from './api/call.js';
export { createHubApi, type HubApi } from './api/hub-api.js';
export { Backoff, type BackoffOptions } from './backoff.js';
export { LocalCloseCodes } from './connection.js';
export { Emitter, type Listener } from './emitter.js';
export { CLIENT_ERROR_CODES, HubRequestError, type ClientErrorCode } from './errors.js';
export { HubClient, type PublishOptions, type RequestOptions } from './hub-client.js';
export type { ClientState, DisconnectedEvent, HubClientEvents, HubClientOptions } from './options.js';
export type { SocketConstructor, SocketLike } from './socket.js';
export {
  Subscription,
  type SubscribedEvent,
  type SubscriptionEvents,
  type SubscriptionState,
} from './subscription.js';
// The wire types an app meets through the API, so it needs one import.
export type {
  ClientInfo,
  ConnectResult,
  ErrorCode,
  HistoryResult,
  PresenceEntry,
  PresenceResult,
  PresenceStatsResult,
  PresenceStatus,
  Publication,
  PublishResult,
  RecoveryFailure,
  StreamPosition,
} from '../../protocol/index.js';
