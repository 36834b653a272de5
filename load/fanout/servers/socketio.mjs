// Socket.IO 4 with @socket.io/redis-adapter: what most Node teams pick. A connection joins the
// room named in its handshake query (?room=…&sub=1); a `pub` event is broadcast to the room on
// every node through the adapter. WebSocket transport only, no compression, as the others.
//   PORT=9002 REDIS_URL=redis://… [PREFIX=bench:] node load/fanout/servers/socketio.mjs
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';

const port = Number(process.env.PORT);
const pub = new Redis(process.env.REDIS_URL);
const sub = pub.duplicate();
const io = new Server({
  transports: ['websocket'],
  serveClient: false,
  perMessageDeflate: false,
  adapter: createAdapter(pub, sub, { key: `${process.env.PREFIX ?? 'bench:'}socket.io` }),
});

io.on('connection', (socket) => {
  const room = String(socket.handshake.query.room ?? 'default');
  if (socket.handshake.query.sub === '1') void socket.join(room);
  socket.on('pub', (data) => io.to(room).emit('m', data));
});

const http = createServer();
io.attach(http);
http.listen(port, '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => process.exit(0));
