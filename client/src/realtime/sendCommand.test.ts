import type { CommandInput } from '@plenum/shared';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createPendingStore } from '../stores/pending';
import { createSessionStore } from '../stores/session';
import { demoSession, ids } from '../test/events';
import { newCommandId } from './commandId';
import { sendCommand, type SendCommandResult } from './sendCommand';
import { FakeSocket, flushMicrotasks } from './testing/FakeSocket';

const start: CommandInput = { type: 'agenda:start-item', payload: { itemId: ids.itemOne } };

function setup() {
  const fake = new FakeSocket();
  fake.serverAccepts();
  const pending = createPendingStore();
  const session = createSessionStore(ids.session);
  let counter = 0;
  const send = (command: CommandInput = start, reconnectWaitMs = 30_000) =>
    sendCommand(fake.asSocket(), ids.session, command, {
      pending,
      session,
      reconnectWaitMs,
      makeCommandId: () => `command-${++counter}`,
    });
  return { fake, pending, session, send };
}

describe('sendCommand', () => {
  test('sends { commandId, sessionId, command } with a timeout and keeps it pending while in flight', async () => {
    const env = setup();
    const result = env.send();
    const ask = await env.fake.nextAsk('command');
    expect(ask.payload).toEqual({ commandId: 'command-1', sessionId: ids.session, command: start });
    expect(ask.timeoutMs).toBe(8000);
    expect(env.pending.getState().byId['command-1']?.command).toEqual(start);

    ask.answer({ ok: true, data: { seq: 12 } });
    await expect(result).resolves.toEqual({ ok: true, data: { seq: 12 } });
  });

  test('a timeout is retried with the same commandId, up to three times, then reported', async () => {
    const env = setup();
    const result = env.send();
    for (let attempt = 0; attempt < 4; attempt++) {
      const ask = await env.fake.nextAsk('command');
      expect(ask.payload).toMatchObject({ commandId: 'command-1' });
      ask.timeOut();
    }
    const outcome: SendCommandResult = await result;
    expect(outcome).toMatchObject({ ok: false, error: { code: 'TIMEOUT' } });
    expect(env.fake.sent.filter((m) => m.event === 'command')).toHaveLength(4);
    expect(env.pending.getState().byId).toEqual({});
  });

  test('a retry that gets an answer returns it', async () => {
    const env = setup();
    const result = env.send();
    (await env.fake.nextAsk('command')).timeOut();
    const retry = await env.fake.nextAsk('command');
    expect(retry.payload).toMatchObject({ commandId: 'command-1' });
    retry.answer({ ok: true, data: { seq: 12 } });
    await expect(result).resolves.toEqual({ ok: true, data: { seq: 12 } });
  });

  test('P2: an answer lost with the connection is asked for again, with the same commandId, once reconnected', async () => {
    const env = setup();
    const result = env.send();
    const ask = await env.fake.nextAsk('command');
    env.fake.serverDrops();
    ask.timeOut();
    await flushMicrotasks();
    expect(env.fake.sent.filter((m) => m.event === 'command')).toHaveLength(1);
    env.fake.serverAccepts();
    const again = await env.fake.nextAsk('command');
    expect(again.payload).toEqual(ask.payload);
    again.answer({ ok: true, data: { seq: 12 } });
    await expect(result).resolves.toEqual({ ok: true, data: { seq: 12 } });
  });

  test('a connection that does not come back in time is reported as offline', async () => {
    const env = setup();
    const result = env.send(start, 50);
    const ask = await env.fake.nextAsk('command');
    env.fake.serverDrops();
    ask.timeOut();
    await expect(result).resolves.toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(env.fake.sent.filter((m) => m.event === 'command')).toHaveLength(1);
    expect(env.pending.getState().byId).toEqual({});
  });

  test('sends nothing while disconnected', async () => {
    const env = setup();
    env.fake.serverDrops();
    await expect(env.send()).resolves.toMatchObject({ ok: false, error: { code: 'OFFLINE' } });
    expect(env.fake.sent).toHaveLength(0);
    expect(env.pending.getState().byId).toEqual({});
  });

  test('a refusal is returned as the server sent it and leaves nothing pending', async () => {
    const env = setup();
    const result = env.send();
    const refusal = { ok: false, error: { code: 'CONFLICT', message: 'another item holds the floor' } };
    (await env.fake.nextAsk('command')).answer(refusal);
    await expect(result).resolves.toEqual(refusal);
    expect(env.pending.getState().byId).toEqual({});
  });

  test('after a successful ack the command stays pending until the session has its event', async () => {
    const env = setup();
    const log = demoSession();
    env.session.getState().applyEvents(log.events);
    const head = log.events.length;

    const result = env.send();
    (await env.fake.nextAsk('command')).answer({ ok: true, data: { seq: head + 1 } });
    await result;
    expect(env.pending.getState().byId['command-1']?.ackedSeq).toBe(head + 1);

    // The event came first this time (the session is already past the acked seq).
    const second = env.send();
    (await env.fake.nextAsk('command')).answer({ ok: true, data: { seq: head } });
    await second;
    await flushMicrotasks();
    expect(Object.keys(env.pending.getState().byId)).toEqual(['command-1']);
  });
});

describe('newCommandId', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const protocolShape = /^[A-Za-z0-9_-]{8,64}$/;

  test('uses crypto.randomUUID where it exists', () => {
    const id = newCommandId();
    expect(id).toMatch(protocolShape);
    expect(newCommandId()).not.toBe(id);
  });

  test('falls back to random bytes where randomUUID is missing (plain http)', () => {
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: real.getRandomValues.bind(real) });
    const id = newCommandId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(id).toMatch(protocolShape);
    expect(newCommandId()).not.toBe(id);
  });
});
