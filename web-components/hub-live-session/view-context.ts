// What the parts of <hub-live-session> render from and call back into: one context object the
// component builds per render, so each part (stage, audience, Q&A, polls, reactions, host panel)
// is a plain function of it.
import type { HubEventMap } from '../shared/events.js';
import type { I18n } from '../shared/i18n/i18n.js';
import type { DeviceController } from './devices.js';
import type { LiveApi, LiveTelemetry, SessionRole } from './live-api.js';
import type { RoomController, Tile } from './room-controller.js';
import type { LiveSnapshot, LocalChange } from './state-source.js';

/** The events a member's own actions dispatch. */
export type MemberEvent =
  'hub-live-hand-changed' | 'hub-live-question-asked' | 'hub-live-poll-voted' | 'hub-live-reaction-sent';

export interface LiveView {
  i18n: I18n;
  api: LiveApi;
  me: string;
  role: SessionRole;
  /** Whether this member may run the stage (a host of the session). */
  host: boolean;
  snapshot: LiveSnapshot;
  tiles: Tile[];
  /** Everyone in the room (tiles also hold shared screens). */
  participants: number;
  room: RoomController;
  devices: DeviceController;
  telemetry: LiveTelemetry | undefined;
  busy: boolean;
  /** A participant's display name by id (LiveKit's name, else the id). */
  nameOf(userId: string): string;
  /**
   * Runs an action against the hub: shows its error, announces `done` when it succeeds, and
   * records the local change it returns so the view updates before the broadcast arrives.
   */
  act(work: () => Promise<LocalChange | undefined>, done?: string): Promise<boolean>;
  /** Dispatches one of the widget's `hub-live-` events (the session id is added). */
  notify<K extends MemberEvent>(name: K, detail: Omit<HubEventMap[K], 'sessionId'>): void;
  /** Shows an outcome and says it through the live region. */
  say(text: string): void;
  /** Asks the page to confirm a destructive action. */
  confirm(message: string): boolean;
  leave(): void;
  end(): void;
  requestUpdate(): void;
}
