// The live state of <hub-live-session> while the member is in the room: which LiveStateSource
// carries it (the session's Colyseus room, else LiveKit's data messages), what in it is news to
// announce, and the hosts' figures and periodic re-reads. A Lit ReactiveController: every change
// re-renders the host element.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Room } from 'livekit-client';
import type { I18n } from '../shared/i18n/i18n.js';
import type { ColyseusStateSource } from './colyseus-state-source.js';
import type { LiveApi, LiveTelemetry } from './live-api.js';
import { LiveNews } from './live-news.js';
import { LiveKitStateSource } from './livekit-state-source.js';
import { REACTION_SHOW_MS } from './reactions-bar.js';
import type { LiveChange, LiveStateSource, LocalChange } from './state-source.js';

/**
 * How often a host's telemetry is read again (besides the gateway's pushes), and, on the LiveKit
 * fallback only, the whole state: LiveKit's data messages do not carry the questions only hosts
 * may see, which the Colyseus room's hosts-only view does, live.
 */
const HOST_READ_EVERY_MS = 10_000;

/** Opens the Colyseus source; a module of its own, loaded on joining (the SDK is ~50 KB gz). */
export type ColyseusOpener = (api: LiveApi, endpoint: string) => Promise<LiveStateSource>;

let colyseusModule: Promise<{ ColyseusStateSource: typeof ColyseusStateSource }> | undefined;

/** Starts loading the Colyseus source's module (once): on a live session's pre-join screen. */
export function preloadColyseus(): void {
  colyseusModule ??= import('./colyseus-state-source.js');
  // A failed load is retried on joining, and falls back to LiveKit there.
  colyseusModule.catch(() => (colyseusModule = undefined));
}

const openColyseus: ColyseusOpener = async (api, endpoint) => {
  preloadColyseus();
  const { ColyseusStateSource } = await (colyseusModule ?? import('./colyseus-state-source.js'));
  return ColyseusStateSource.open(api, endpoint);
};

/**
 * The session's Colyseus room as the state source (the LiveKit room then carries only media);
 * if no seat can be had there (an older hub, a WebSocket a proxy blocks), LiveKit's data
 * messages, silently: the member sees the same session either way.
 */
export async function openStateSource(
  api: LiveApi,
  endpoint: string,
  room: Room,
  me: { id: string; host: boolean },
  colyseus: ColyseusOpener = openColyseus,
): Promise<LiveStateSource> {
  try {
    return await colyseus(api, endpoint);
  } catch {
    return new LiveKitStateSource(api, room, me);
  }
}

export class LiveStateController implements ReactiveController {
  source: LiveStateSource | undefined;
  telemetry: LiveTelemetry | undefined;
  private api: LiveApi | undefined;
  private host = false;
  private news: LiveNews | undefined;
  private hostTimer: ReturnType<typeof setInterval> | undefined;
  private telemetryDue: ReturnType<typeof setTimeout> | undefined;
  private reactionTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly element: ReactiveControllerHost,
    private readonly hooks: { i18n(): I18n; announce(text: string): void },
  ) {
    element.addController(this);
  }

  hostDisconnected(): void {
    this.close();
    clearTimeout(this.reactionTimer);
  }

  /** Opens the state of the room the member just joined, reads it, and starts the hosts' reads. */
  async open(api: LiveApi, endpoint: string, room: Room, me: { id: string; host: boolean }): Promise<void> {
    this.close();
    this.api = api;
    this.host = me.host;
    const source = await openStateSource(api, endpoint, room, me);
    this.news = new LiveNews(me.id, me.host);
    this.source = source;
    source.subscribe((_snapshot, change) => this.onChange(change));
    await source.refresh();
    if (!me.host) return;
    void this.readTelemetry();
    this.hostTimer = setInterval(() => {
      void this.readTelemetry();
      if (this.source?.kind === 'livekit') void this.source.refresh().catch(() => undefined);
    }, HOST_READ_EVERY_MS);
  }

  close(): void {
    this.source?.close();
    this.source = undefined;
    clearInterval(this.hostTimer);
    this.hostTimer = undefined;
    clearTimeout(this.telemetryDue);
    this.telemetryDue = undefined;
  }

  /** Reads everything again (the member's role changed). */
  refresh(): void {
    void this.source?.refresh().catch(() => undefined);
  }

  record(change: LocalChange): void {
    this.source?.record(change);
  }

  /** The hosts' figures pushed over the gateway. */
  setTelemetry(figures: LiveTelemetry): void {
    this.telemetry = figures;
    this.element.requestUpdate();
  }

  private async readTelemetry(): Promise<void> {
    try {
      this.telemetry = await this.api?.telemetry();
      this.element.requestUpdate();
    } catch {
      // Figures are a help, not the session: the next read or push fills them in.
    }
  }

  /** What changed in the live state, said to screen-reader users in a few words. */
  private onChange(change: LiveChange): void {
    const s = this.source?.snapshot();
    if (!s) return;
    if (change === 'reactions') {
      clearTimeout(this.reactionTimer);
      this.reactionTimer = setTimeout(() => this.element.requestUpdate(), REACTION_SHOW_MS + 50);
    }
    for (const sentence of this.news?.read(s, change, this.hooks.i18n()) ?? []) this.hooks.announce(sentence);
    // The hosts' figures count hands, questions and voters: read them soon after such a change.
    if (this.host && change !== 'reactions' && change !== 'loaded' && change !== 'members')
      this.telemetrySoon();
    this.element.requestUpdate();
  }

  private telemetrySoon(): void {
    if (this.telemetryDue) return;
    this.telemetryDue = setTimeout(() => {
      this.telemetryDue = undefined;
      void this.readTelemetry();
    }, 1_000);
  }
}
