/**
 * The baseline: a bare socket.io broadcast server. It broadcasts every `command` it receives to
 * everyone who joined, with no validation and no storage, and acks it. For the catch-up baseline
 * it answers `session:join` with pages of synthetic events of the same shape and size as
 * Plenum's, generated from a counter (the transport's floor, not a log). With BENCH_REDIS it
 * shares its room with the other bare nodes through the Redis adapter (the `nodes` scenario).
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { announceReady, serveControl } from './control.js';
import { openRedisRooms, type RedisRoomsOptions } from './redisRooms.js';

type Ack = (answer: unknown) => void;
const httpServer = createServer();
const io = new Server(httpServer, { serveClient: false, maxHttpBufferSize: 64 * 1024 });
let seq = 0;
const text = process.env.BENCH_EVENT_TEXT ?? 'x';
const at = new Date().toISOString();
const syntheticEvent = (n: number) => ({
  seq: n,
  sessionId: 'bare',
  at,
  actorId: 'bare-actor-0000000000',
  type: 'criticism:posted',
  payload: {
    itemId: 'item-2',
    category: 'shortfall',
    severity: 'medium',
    indicatorId: null,
    text,
    criticismId: `c${String(n).padStart(19, '0')}`,
    unitId: 'riverside-steel',
  },
});

io.on('connection', (socket) => {
  socket.on('command', (request: unknown, ack: Ack) => {
    ack({ ok: true, data: { seq: ++seq } });
    io.to('room').emit('session:events', request);
  });
  socket.on('session:join', (request: { afterSeq: number; limit?: number }, ack: Ack) => {
    void socket.join('room');
    const from = request.afterSeq + 1;
    const to = Math.min(seq, request.afterSeq + (request.limit ?? 500));
    const events = [];
    for (let n = from; n <= to; n++) events.push(syntheticEvent(n));
    ack({
      ok: true,
      data: { sessionId: 'bare', epoch: 'bare', headSeq: seq, events, hasMore: to < seq, you: null, serverTime: at },
    });
  });
});

const redisOptions = process.env.BENCH_REDIS ? (JSON.parse(process.env.BENCH_REDIS) as RedisRoomsOptions) : null;
const redis = redisOptions ? await openRedisRooms(redisOptions.url, redisOptions.prefix) : null;
if (redis) io.adapter(redis.adapter);

httpServer.listen(0, '127.0.0.1', () => {
  serveControl({
    stop: async () => {
      await redis?.close();
    },
    // The catch-up baseline: as if `count` more commands had been broadcast.
    handlers: { advance: (count) => Promise.resolve((seq += count as number)) },
  });
  announceReady({ kind: 'bare', port: (httpServer.address() as AddressInfo).port });
});
