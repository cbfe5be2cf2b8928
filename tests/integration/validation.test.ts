import { maxMessageBytes } from '@plenum/server';
import { Limits, commandTypes, type Ack } from '@plenum/shared';
import type { Socket } from 'socket.io-client';
import { describe, expect, test } from 'vitest';
import { invalidCommandFixtures } from '../fixtures/commands.js';
import {
  ackTimeoutMs,
  expectOk,
  newCommandId,
  postCriticism,
  sendOk,
  sendRaw,
  startItem,
  validCommand,
} from '../helpers/factories.js';
import { joinSession, joinSettled } from '../helpers/joinSession.js';
import { recordEvents } from '../helpers/recordEvents.js';
import { startTestServer } from '../helpers/startTestServer.js';
import { waitForEvent } from '../helpers/waitForEvent.js';

describe('invalid input', () => {
  const invalidCommands = [
    ...invalidCommandFixtures['*'].map((v) => ({ type: '*', ...v })),
    ...commandTypes.flatMap((type) => invalidCommandFixtures[type].map((v) => ({ type, ...v }))),
  ];

  test(`P7: every invalid command (${invalidCommands.length} kinds) gets INVALID_PAYLOAD with issues and appends nothing`, async () => {
    const server = await startTestServer();
    const [chair, observer] = await Promise.all([server.connect('chair'), server.connect('observer')]);
    await joinSettled(server, observer);
    const seen = recordEvents(observer);
    // The floor is open, so a valid criticism would be accepted: only the shape is at fault.
    await sendOk(chair, server.sessionId, startItem('item-2'));
    const head = await server.head();
    for (const { type, why, command } of invalidCommands) {
      const ack = await sendRaw(chair, 'command', { commandId: newCommandId(), sessionId: server.sessionId, command });
      expect(ack, `${type}: ${why}`).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      if (!ack.ok) expect(ack.error.issues?.length, `${type}: ${why}`).toBeGreaterThan(0);
    }
    expect(await server.head()).toBe(head);
    const fence = await sendOk(chair, server.sessionId, postCriticism('item-2'));
    await seen.waitForSeq(fence);
    expect(seen.events.map((e) => e.seq)).toEqual([head, fence]);
  });

  test('rehearsal 15: text that shows nothing or reads otherwise, figures out of range and implausible dates are refused naming the field', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    await sendOk(chair, server.sessionId, startItem('item-2'));
    const head = await server.head();
    const named = invalidCommands.filter((c) => c.path !== undefined);
    expect(named.length).toBeGreaterThanOrEqual(15);
    for (const { type, why, command, path } of named) {
      const ack = await sendRaw(chair, 'command', { commandId: newCommandId(), sessionId: server.sessionId, command });
      expect(ack, `${type}: ${why}`).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      if (!ack.ok)
        expect(
          ack.error.issues?.map((i) => i.path),
          `${type}: ${why}`,
        ).toContain(path);
    }
    expect(await server.head()).toBe(head);
  });

  test('P7: invalid command envelopes get INVALID_PAYLOAD and append nothing', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    const head = await server.head();
    const command = validCommand('agenda:start-item');
    const envelopes: [string, unknown][] = [
      ['no command id', { sessionId: server.sessionId, command }],
      ['command id too short', { commandId: 'abc', sessionId: server.sessionId, command }],
      ['command id with a space', { commandId: 'cmd 12345678', sessionId: server.sessionId, command }],
      ['command id as a number', { commandId: 12345678, sessionId: server.sessionId, command }],
      ['no session id', { commandId: newCommandId(), command }],
      ['session id as an object', { commandId: newCommandId(), sessionId: { $ne: null }, command }],
      ['no command', { commandId: newCommandId(), sessionId: server.sessionId }],
      ['a string', 'agenda:start-item item-1'],
      ['null', null],
      ['an array', [newCommandId(), server.sessionId, command]],
      ['a number', 7],
    ];
    for (const [why, request] of envelopes) {
      const ack = await sendRaw(chair, 'command', request);
      expect(ack, why).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    expect(await server.head()).toBe(head);
  });

  test('P7: a huge criticism within the message limit gets INVALID_PAYLOAD and appends nothing', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    await sendOk(chair, server.sessionId, startItem('item-2'));
    const head = await server.head();
    const text = 'x'.repeat(maxMessageBytes / 2);
    const ack = await sendRaw(chair, 'command', {
      commandId: newCommandId(),
      sessionId: server.sessionId,
      command: postCriticism('item-2', { text }),
    });
    expect(ack).toMatchObject({
      ok: false,
      error: {
        code: 'INVALID_PAYLOAD',
        // What the check wanted, so a screen can say it in its reader's language.
        issues: [
          { path: 'command.payload.text', reason: { code: 'too_big', origin: 'string', maximum: Limits.textLength } },
        ],
      },
    });
    expect(await server.head()).toBe(head);
  });

  test('P7: a message over the 64 KiB limit is cut off with the connection and appends nothing', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    await sendOk(chair, server.sessionId, startItem('item-2'));
    const head = await server.head();
    const dropped = waitForEvent(chair, 'disconnect');
    const text = 'x'.repeat(maxMessageBytes + 1);
    chair.emit(
      'command',
      { commandId: newCommandId(), sessionId: server.sessionId, command: postCriticism('item-2', { text }) },
      () => {
        throw new Error('an oversized message must not be answered');
      },
    );
    expect(await dropped).toBe('transport close');
    expect(await server.head()).toBe(head);
  });

  test('P7: invalid session:join requests get INVALID_PAYLOAD', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    const requests: [string, unknown][] = [
      ['negative afterSeq', { sessionId: server.sessionId, afterSeq: -1 }],
      ['afterSeq as a string', { sessionId: server.sessionId, afterSeq: '0' }],
      ['no afterSeq', { sessionId: server.sessionId }],
      ['limit 0', { sessionId: server.sessionId, afterSeq: 0, limit: 0 }],
      ['limit over the page size', { sessionId: server.sessionId, afterSeq: 0, limit: 501 }],
      ['no session id', { afterSeq: 0 }],
      ['null', null],
    ];
    for (const [why, request] of requests) {
      const ack = await sendRaw(chair, 'session:join', request);
      expect(ack, why).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    }
    // The socket is still usable afterwards.
    expect((await joinSession(chair, server.sessionId)).you).toEqual(server.participants.chair);
  });

  test.each(['command', 'session:join'])(
    'rehearsal 13: a %s sent with a callback but no payload is answered INVALID_PAYLOAD',
    async (channel) => {
      const server = await startTestServer();
      const chair = await server.connect('chair');
      const head = await server.head();
      const bare = chair as unknown as Socket;
      const ack = (await bare.timeout(ackTimeoutMs).emitWithAck(channel)) as Ack<unknown>;
      expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
      expect(chair.connected).toBe(true);
      expect(await server.head()).toBe(head);
    },
  );

  test('P7: a command without an ack callback, or on an unknown channel, is dropped and appends nothing', async () => {
    const server = await startTestServer();
    const chair = await server.connect('chair');
    const head = await server.head();
    const untyped = chair as unknown as { emit(event: string, ...args: unknown[]): void };
    untyped.emit('command', { commandId: newCommandId(), sessionId: server.sessionId, command: startItem('item-1') });
    untyped.emit('session:destroy', { sessionId: server.sessionId }, () => undefined);
    // Messages on one socket are handled in order; the next command shows nothing came before it.
    const ack = expectOk(
      await sendRaw(chair, 'command', {
        commandId: newCommandId(),
        sessionId: server.sessionId,
        command: startItem('item-1'),
      }),
    );
    expect(ack).toEqual({ seq: head + 1 });
    expect(chair.connected).toBe(true);
  });
});
