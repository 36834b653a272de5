// The base element of the widgets: the properties every widget takes (endpoint, theme, locale,
// token provider; `community` for the four that show one community), its connection to the hub
// (a ConnectionController, started again when the endpoint or token provider changes), its
// i18n catalogue, the `hub-connection-changed` event, and the styles every widget starts with.
import { LitElement, type CSSResultGroup, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { HubClient } from '../../realtime/client/index.js';
import type { HubApi, TokenProvider } from './api.js';
import { ConnectionController } from './connection-controller.js';
import { emit } from './events.js';
import { I18n } from './i18n/i18n.js';
import { themeStyles } from './theme.js';

/**
 * What every widget shares. A widget implements `start`, called with a new client and REST API
 * each time the connection is (re)created.
 *
 * @event hub-connection-changed - Connection state: `{state, pendingSends}`.
 * @event hub-error - An error the widget shows: `{code, message}`.
 *
 * @cssproperty --hub-font - Font family.
 * @cssproperty --hub-font-size - Base font size.
 * @cssproperty --hub-bg - Background.
 * @cssproperty --hub-surface - Panels' background.
 * @cssproperty --hub-surface-2 - Hovered panels' background.
 * @cssproperty --hub-text - Text colour.
 * @cssproperty --hub-muted - Secondary text.
 * @cssproperty --hub-border - Borders.
 * @cssproperty --hub-radius - Corner radius.
 * @cssproperty --hub-accent - Accent (buttons, the current item).
 * @cssproperty --hub-accent-text - Text on the accent.
 * @cssproperty --hub-danger - Errors and destructive actions.
 * @cssproperty --hub-success - Success.
 * @cssproperty --hub-warning - Warnings.
 * @cssproperty --hub-focus - Focus ring.
 * @cssproperty --hub-online - The "online" presence dot.
 * @cssproperty --hub-idle - The "idle" presence dot.
 * @cssproperty --hub-dnd - The "do not disturb" presence dot.
 */
export abstract class HubElement extends LitElement {
  static override styles: CSSResultGroup = themeStyles;

  static override properties: PropertyDeclarations = {
    endpoint: { type: String },
    theme: { type: String, reflect: true },
    locale: { type: String },
    tokenProvider: { attribute: false },
  };

  /** The hub's base URL (`https://hub.example.com`); default the page's origin. WebSocket: `<endpoint>/ws`. */
  declare endpoint: string;
  /** `light` (default) or `dark`. */
  declare theme: string;
  /** A BCP 47 locale; `en` and `fr` have catalogues, others fall back to English. Default the browser's. */
  declare locale: string;
  /** Returns a current marketplace token (JWT): `() => string | Promise<string>`. */
  declare tokenProvider: TokenProvider | undefined;

  /** The catalogue of `locale`. */
  i18n = new I18n();
  protected readonly conn: ConnectionController;
  private lastConnection = '';

  constructor() {
    super();
    this.endpoint = '';
    this.theme = 'light';
    this.locale = '';
    this.conn = new ConnectionController(this, (client, api) => void this.start(client, api));
  }

  /** A new connection (endpoint or token provider set or changed): load and subscribe. */
  protected abstract start(client: HubClient, api: HubApi): void | Promise<void>;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('locale')) this.i18n = new I18n(this.locale);
  }

  protected override updated(_changed: PropertyValues<this>): void {
    const state = `${this.conn.state}/${this.conn.pendingSends}`;
    if (state === this.lastConnection) return;
    this.lastConnection = state;
    emit(this, 'hub-connection-changed', { state: this.conn.state, pendingSends: this.conn.pendingSends });
  }
}

/** A widget of one community: `community` (its id or slug) besides the common properties. */
export abstract class HubCommunityElement extends HubElement {
  static override properties: PropertyDeclarations = {
    community: { type: String },
  };

  /** The community: its id or its slug. */
  declare community: string;

  constructor() {
    super();
    this.community = '';
  }
}
