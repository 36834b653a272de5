// The ceiling: uWebSockets.js native pub/sub with no logic at all. A connection subscribes to
// the topic named in its URL (?topic=…&sub=1); every frame a client sends is published to that
// topic as it is. With REDIS_URL, frames go through Redis pub/sub instead, and each node
// subscribes to a topic's Redis channel when the topic gains its first local subscriber (uWS's
// `subscription` event), as Hubbub does: two nodes, one Redis.
//   PORT=9001 [REDIS_URL=redis://…] [PREFIX=bench:] node load/fanout/servers/uws-raw.mjs
import { Buffer } from 'node:buffer';
import { URLSearchParams } from 'node:url';
import uWS from 'uWebSockets.js';
import { Redis } from 'ioredis';

const port = Number(process.env.PORT);
const prefix = process.env.PREFIX ?? 'bench:';
const redisUrl = process.env.REDIS_URL;
const app = uWS.App();
const pub = redisUrl ? new Redis(redisUrl) : undefined;
const sub = redisUrl ? new Redis(redisUrl) : undefined;
sub?.on('messageBuffer', (channel, message) => app.publish(channel.toString().slice(prefix.length), message));

app.ws('/*', {
  compression: uWS.DISABLED,
  maxPayloadLength: 64 * 1024,
  maxBackpressure: 1024 * 1024,
  idleTimeout: 120,
  upgrade: (res, req, context) => {
    const query = new URLSearchParams(req.getQuery() ?? '');
    res.upgrade(
      { topic: query.get('topic') ?? 'default', sub: query.get('sub') === '1' },
      req.getHeader('sec-websocket-key'),
      req.getHeader('sec-websocket-protocol'),
      req.getHeader('sec-websocket-extensions'),
      context,
    );
  },
  open: (ws) => {
    const data = ws.getUserData();
    if (data.sub) ws.subscribe(data.topic);
  },
  subscription: (_ws, topic, newCount, oldCount) => {
    const name = prefix + Buffer.from(topic).toString();
    if (oldCount === 0 && newCount > 0) void sub?.subscribe(name);
    else if (newCount === 0 && oldCount > 0) void sub?.unsubscribe(name);
  },
  message: (ws, message) => {
    const { topic } = ws.getUserData();
    if (pub) void pub.publish(prefix + topic, Buffer.from(message));
    else app.publish(topic, message);
  },
});

app.listen('127.0.0.1', port, (socket) => {
  if (!socket) {
    console.error(`uws-raw: cannot listen on ${port}`);
    process.exit(1);
  }
  console.log('ready');
});
process.on('SIGTERM', () => process.exit(0));
