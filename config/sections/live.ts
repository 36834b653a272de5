// Configuration sections of live sessions: the LiveKit server (`livekit`) and the sessions'
// tokens, rooms, reminders and recording (`media`). Composed in ../schema.ts.
import { z } from 'zod';
import { DEV_SECRETS } from '../dev-secrets.js';
import { booleanLike, secret, urlWith } from './fields.js';
import ports from '../ports.json' with { type: 'json' };

export const livekit = z
  .object({
    url: urlWith(/^(https?|wss?)$/, 'http(s) or ws(s)').default(`http://127.0.0.1:${ports.dev.livekit}`),
    apiKey: z.string().min(1).default('devkey'),
    apiSecret: secret(z.string().min(1).default(DEV_SECRETS.livekitApiSecret)),
    /** Whether /readyz reports 503 while LiveKit is unreachable. */
    required: booleanLike.default(true),
  })
  .strict();

export const media = z
  .object({
    /** Members who marked interest in a live session are reminded this long before it starts. */
    reminderLeadS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(0).default(900),
    /** Lifetime of a LiveKit join token (it only admits; a connected participant stays). */
    tokenTtlS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int()
      .min(30)
      .max(86_400)
      .default(300),
    /** LiveKit closes a session's room this long after its last participant left. */
    emptyTimeoutS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(10).default(300),
    /** LiveKit webhooks older than this are refused as replays. */
    webhookMaxAgeS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(10).default(300),
    /** host:port (and path) where clients reach THIS node's live-session rooms (Colyseus seats
     * point there); defaults to the address the node is bound to. */
    roomAddress: z
      .string()
      .regex(/^[\w.-]+(:\d+)?(\/[\w./-]*)?$/, 'must be host[:port][/path], without a scheme')
      .optional(),
    // Recording (media/recording): `local` records no media, only the recording's metadata
    // (development and tests); `egress` records through LiveKit Egress, attached to LiveKit.
    recorder: z.enum(['local', 'egress']).default('local'),
    /** Egress's output file path, with LiveKit's templates ({room_name}, {time}, …). */
    recordingFilepath: z.string().min(1).default('recordings/{room_name}-{time}.mp4'),
  })
  .strict();
