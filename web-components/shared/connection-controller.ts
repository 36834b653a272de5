// A Lit ReactiveController that owns a widget's connection to the hub: one HubClient from the
// widget's `endpoint` and `tokenProvider`, connected while the widget is in the document, and
// its state (connecting, reconnecting, offline with N sends queued) kept for rendering.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { HubClient, type ClientState, type ConnectResult } from '../../realtime/client/index.js';
import { HubApi, type TokenProvider } from './api.js';

export interface ConnectionHost extends ReactiveControllerHost {
  endpoint: string;
  tokenProvider: TokenProvider | undefined;
}

/** The WebSocket URL of a hub's HTTP endpoint: http→ws, https→wss, path /ws. */
export function socketUrl(endpoint: string): string {
  const url = new URL(endpoint || globalThis.location.origin, globalThis.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = `${url.pathname.replace(/\/$/, '')}/ws`;
  return url.toString();
}

export class ConnectionController implements ReactiveController {
  client: HubClient | undefined;
  api: HubApi | undefined;
  state: ClientState = 'offline';
  pendingSends = 0;
  session: ConnectResult | undefined;
  private stops: (() => void)[] = [];
  private key = '';

  constructor(
    private readonly host: ConnectionHost,
    private readonly onReady: (client: HubClient, api: HubApi) => void,
  ) {
    host.addController(this);
  }

  /** The signed-in user, once connected. */
  get me(): { id: string; name: string } | undefined {
    return this.session?.user;
  }

  hostConnected(): void {
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.stop();
    this.key = '';
  }

  /** Starts connecting again after the client stopped (offline); queued sends are kept. */
  reconnectNow(): void {
    if (this.client?.state === 'offline') this.client.connect();
  }

  /** (Re)creates the client when the endpoint or token provider changed. */
  private sync(): void {
    const provider = this.host.tokenProvider;
    const key = provider ? this.host.endpoint || 'same-origin' : '';
    if (key === this.key && this.providerSeen === provider) return;
    this.stop();
    this.key = key;
    this.providerSeen = provider;
    if (!provider) return;
    const endpoint = this.host.endpoint.replace(/\/$/, '');
    const getToken = () => provider();
    const client = new HubClient({ url: () => socketUrl(endpoint), getToken });
    const api = new HubApi(endpoint, getToken);
    this.client = client;
    this.api = api;
    this.stops.push(
      client.on('state', ({ state }) => {
        this.state = state;
        this.host.requestUpdate();
      }),
      client.on('connected', (session) => {
        this.session = session;
        this.host.requestUpdate();
      }),
      client.on('queue', ({ pending }) => {
        this.pendingSends = pending;
        this.host.requestUpdate();
      }),
    );
    this.onReady(client, api);
    client.connect();
    this.state = client.state;
  }

  private providerSeen: TokenProvider | undefined;

  private stop(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.client?.close();
    this.client = undefined;
    this.api = undefined;
    this.session = undefined;
    this.state = 'offline';
    this.pendingSends = 0;
  }
}
