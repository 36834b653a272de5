// LiveKit access: the RoomService (Twirp over HTTP) and join tokens. Every call to LiveKit goes
// through the hub, never from a client, so grants are decided here.
import { AccessToken, RoomServiceClient, type VideoGrant } from 'livekit-server-sdk';

export interface LiveKitOptions {
  url: string;
  apiKey: string;
  apiSecret: string;
}

export interface JoinTokenRequest {
  /** The marketplace user id; LiveKit's participant identity. */
  identity: string;
  displayName?: string;
  room: string;
  grants: Omit<VideoGrant, 'room' | 'roomJoin'>;
  /** Short-lived by default: a removed participant's token soon stops working. */
  ttlS?: number;
  /** Participant metadata others in the room see (the session role). */
  metadata?: string;
}

export class LiveKit {
  readonly rooms: RoomServiceClient;
  /** What clients connect to: the ws(s) form of the configured URL. */
  readonly clientUrl: string;

  constructor(private readonly options: LiveKitOptions) {
    this.rooms = new RoomServiceClient(toHttpUrl(options.url), options.apiKey, options.apiSecret);
    this.clientUrl = options.url.replace(/^http(s?):/, 'ws$1:');
  }

  /** A signed token that lets one participant join one room with the given grants. */
  mintJoinToken({
    identity,
    displayName,
    room,
    grants,
    ttlS = 600,
    metadata,
  }: JoinTokenRequest): Promise<string> {
    const token = new AccessToken(this.options.apiKey, this.options.apiSecret, {
      identity,
      ...(displayName ? { name: displayName } : {}),
      ...(metadata ? { metadata } : {}),
      ttl: ttlS,
    });
    token.addGrant({ ...grants, room, roomJoin: true });
    return token.toJwt();
  }

  /** Readiness: an authenticated round trip to the RoomService. */
  async ping(): Promise<void> {
    await this.rooms.listRooms();
  }
}

/** The RoomService speaks HTTP; configuration may give the ws(s) URL clients use. */
/** Whether LiveKit's server API answered that the room, participant or track does not exist. */
export function isLiveKitNotFound(err: unknown): boolean {
  const e = err as { status?: number; code?: string };
  return e.status === 404 || e.code === 'not_found';
}

export function toHttpUrl(url: string): string {
  return url.replace(/^ws(s?):/, 'http$1:');
}
