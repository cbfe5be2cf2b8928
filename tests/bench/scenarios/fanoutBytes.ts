import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageCompression, shareBroadcastFrames } from '@plenum/server';
import { Server } from 'socket.io';
import { io, type Socket } from 'socket.io-client';
import { criticismFiller } from '../lib/load.js';
import { waitUntil } from '../lib/stats.js';

/** Bytes one listener reads for one broadcast, sent plain and deflated. */
export interface FanoutBytes {
  /** Events in the broadcast (the broadcaster batches the events of one tick). */
  events: number;
  /** Bytes of the message as JSON. */
  messageBytes: number;
  /** To a client that does not offer per-message deflate. */
  plain: number;
  /** To a client that offers it, as browsers do. */
  deflated: number;
}

const listeners = 20;
const broadcasts = 40;

/** A `session:events` message of `count` criticisms, the shape and size of Plenum's. */
function eventsMessage(count: number, first: number) {
  const at = new Date().toISOString();
  return {
    sessionId: 'bench-fanout',
    events: Array.from({ length: count }, (_, i) => ({
      seq: first + i,
      sessionId: 'bench-fanout',
      at,
      actorId: 'p-official-0000000001',
      type: 'criticism:posted',
      payload: {
        itemId: 'item-2',
        category: 'shortfall',
        severity: 'medium',
        indicatorId: null,
        text: `#${first + i} ${criticismFiller}`,
        criticismId: `c${String(first + i).padStart(19, '0')}`,
        unitId: 'riverside-steel',
      },
    })),
  };
}

/** The TCP bytes a socket.io-client has read, under engine.io's WebSocket transport. */
function bytesRead(socket: Socket): number {
  return (socket.io.engine.transport as unknown as { ws: { _socket: { bytesRead: number } } }).ws._socket.bytesRead;
}

/** Connects `listeners` clients to the room, offering per-message deflate or not. */
async function seat(server: Server, url: string, deflate: boolean, onMessage: () => void): Promise<Socket[]> {
  const clients: Socket[] = [];
  for (let i = 0; i < listeners; i++) {
    const client = io(url, {
      forceNew: true,
      transports: ['websocket'],
      reconnection: false,
      // Browsers always offer it; engine.io-client offers it unless told not to.
      perMessageDeflate: deflate ? { threshold: 1024 } : false,
    } as Parameters<typeof io>[1]);
    client.on('session:events', onMessage);
    clients.push(client);
  }
  const seated = () => server.of('/').sockets.size === listeners && clients.every((c) => c.connected);
  if (!(await waitUntil(seated, 10_000))) throw new Error(`fan-out bytes: ${listeners} listeners did not connect`);
  return clients;
}

/**
 * The wire bytes of a broadcast to each listener of a room, sent as Plenum's Broadcaster sends
 * it (`compress(false)`), on a socket.io server of its own with the gateway's deflate options and
 * its shared broadcast frames:
 * once to clients that offer per-message deflate, as browsers do, and once to clients that do not.
 */
export async function measureFanoutBytes(eventCounts: readonly number[]): Promise<FanoutBytes[]> {
  const httpServer = createServer();
  const server = new Server(httpServer, { serveClient: false, perMessageDeflate: messageCompression });
  server.on('connection', (socket) => {
    shareBroadcastFrames(socket);
    void socket.join('room');
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  let received = 0;
  const perBroadcast = async (count: number, deflate: boolean): Promise<number> => {
    const clients = await seat(server, url, deflate, () => received++);
    try {
      const before = clients.reduce((sum, c) => sum + bytesRead(c), 0);
      const target = received + broadcasts * listeners;
      for (let b = 0; b < broadcasts; b++)
        server
          .to('room')
          .compress(false)
          .emit('session:events', eventsMessage(count, b * count + 1));
      if (!(await waitUntil(() => received >= target, 10_000)))
        throw new Error(`fan-out bytes: ${target - received} broadcasts of ${count} events not received`);
      return (clients.reduce((sum, c) => sum + bytesRead(c), 0) - before) / (broadcasts * listeners);
    } finally {
      for (const client of clients) client.disconnect();
      await waitUntil(() => server.of('/').sockets.size === 0, 10_000);
    }
  };
  try {
    const results: FanoutBytes[] = [];
    for (const events of eventCounts) {
      results.push({
        events,
        messageBytes: Buffer.byteLength(JSON.stringify(eventsMessage(events, 1))),
        plain: await perBroadcast(events, false),
        deflated: await perBroadcast(events, true),
      });
    }
    return results;
  } finally {
    await server.close();
  }
}
