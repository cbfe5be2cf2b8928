import type { PresenceChanged, SessionEventsMessage } from '@plenum/shared';
import { describe, expect, test, vi } from 'vitest';
import { expectOk, sendJoin } from '../helpers/factories.js';
import { startTestServer } from '../helpers/startTestServer.js';

/** What the server-side WebSocket of a socket exposes to engine.io: ws's `send` and its sender's `sendFrame`. */
interface ServerWebSocket {
  send: (...args: unknown[]) => void;
  _sender: { sendFrame: (...args: unknown[]) => void };
  _extensions: Record<string, unknown>;
}

/** A joined chair socket and its WebSocket on the server side. */
async function joinedChair() {
  const server = await startTestServer();
  const client = await server.connect('chair');
  expectOk(await sendJoin(client, { sessionId: server.sessionId, afterSeq: 0 }));
  // The chair's attendance is broadcast before the test's own messages.
  await server.head();
  const serverSocket = server.app.io.sockets.sockets.get(client.id!)!;
  const ws = (serverSocket.conn as unknown as { transport: { socket: ServerWebSocket } }).transport.socket;
  return { server, client, serverSocket, ws };
}

const events = (sessionId: string, text: string): SessionEventsMessage => ({
  sessionId,
  events: [
    {
      seq: 10_000,
      sessionId,
      at: '2026-03-02T09:00:00.000Z',
      actorId: 'system',
      type: 'session:renamed',
      payload: { title: text },
    },
  ],
});

describe('broadcast frames', () => {
  test('a broadcast is written to each socket as the frame encoded once for the room, not encoded again per socket', async () => {
    const { server, client, ws } = await joinedChair();
    // The test client offers permessage-deflate, as browsers do.
    expect(ws._extensions['permessage-deflate']).toBeDefined();
    const send = vi.spyOn(ws, 'send');
    const sendFrame = vi.spyOn(ws._sender, 'sendFrame');
    const received = new Promise<SessionEventsMessage>((resolve) =>
      client.on('session:events', (message) => message.events[0]?.seq === 10_000 && resolve(message)),
    );
    server.app.io
      .to(`session:${server.sessionId}`)
      .compress(false)
      .emit('session:events', events(server.sessionId, 'A'));
    expect((await received).events[0]!.payload).toEqual({ title: 'A' });
    expect(send).not.toHaveBeenCalled();
    expect(sendFrame).toHaveBeenCalledTimes(1);
  });

  test('a broadcast written while ws compresses a message for the socket waits behind it', async () => {
    const { server, client, serverSocket } = await joinedChair();
    const order: string[] = [];
    const both = new Promise<void>((resolve) => {
      client.on('presence:changed', () => order.push('presence'));
      client.on('session:events', (message) => {
        if (message.events[0]?.seq !== 10_000) return;
        order.push('events');
        resolve();
      });
    });
    // Over the compression threshold: ws deflates it off the event loop, and the broadcast
    // written in the same turn must not overtake it.
    const big: PresenceChanged = {
      sessionId: server.sessionId,
      joined: Array.from({ length: 400 }, (_, i) => ({ participantId: `participant-${i}`, isTyping: false })),
      left: [],
      typing: [],
    };
    serverSocket.emit('presence:changed', big);
    server.app.io
      .to(`session:${server.sessionId}`)
      .compress(false)
      .emit('session:events', events(server.sessionId, 'B'));
    await both;
    expect(order).toEqual(['presence', 'events']);
  });
});
