import type { SessionEvent } from '@plenum/shared';
import { describe, expect, test, vi } from 'vitest';
import type { GatewayServer } from '../types.js';
import { Broadcaster, socketsAtOnce, socketsPerStep } from './broadcaster.js';

const event = (seq: number, type = 'session:renamed'): SessionEvent =>
  ({ seq, sessionId: 's-1', at: '2026-04-13T09:00:00.000Z', actorId: 'p-1', type, payload: {} }) as SessionEvent;

/** One emit: where it went (a room, or a list of socket ids), through the adapter or locally, and what. */
interface Sent {
  target: string | string[];
  local: boolean;
  except: string | null;
  compressed: boolean | null;
  channel: string;
  message: { sessionId: string; events?: SessionEvent[]; headSeq?: number };
}

/** A socket.io server reduced to what the Broadcaster uses: rooms of socket ids, and emits recorded. */
function world(options: { sockets?: number; turnBudgetMs?: number; processRoom?: string } = {}) {
  const sent: Sent[] = [];
  const operator = (target: string | string[], local: boolean) => {
    const state = { except: null as string | null, compressed: null as boolean | null };
    const op = {
      except: (room: string) => ((state.except = room), op),
      compress: (on: boolean) => ((state.compressed = on), op),
      emit: (channel: string, message: Sent['message']) => sent.push({ target, local, ...state, channel, message }),
    };
    return op;
  };
  const ids = Array.from({ length: options.sockets ?? 3 }, (_, i) => `socket-${i}`);
  const io = {
    to: (target: string) => operator(target, false),
    local: { to: (target: string | string[]) => operator(target, true) },
    of: () => ({ adapter: { rooms: new Map([['session:s-1', new Set(ids)]]) } }),
  };
  const dayOpened = vi.fn();
  const broadcaster = new Broadcaster(io as unknown as GatewayServer, {
    onDayOpened: dayOpened,
    ...(options.turnBudgetMs !== undefined ? { turnBudgetMs: options.turnBudgetMs } : {}),
    ...(options.processRoom !== undefined ? { processRoom: options.processRoom } : {}),
  });
  /** What each socket received, in order: `events:<seqs>` or `head:<seq>`. */
  const received = (socketId: string) =>
    sent
      .filter(
        (s) => s.local && (s.target === 'session:s-1' || (Array.isArray(s.target) && s.target.includes(socketId))),
      )
      .map((s) =>
        s.channel === 'session:events'
          ? `events:${s.message.events!.map((e) => e.seq).join(',')}`
          : `head:${s.message.headSeq}`,
      );
  return { broadcaster, sent, ids, received, dayOpened };
}

/** A room written to a step at a time. */
const bigRoom = socketsAtOnce + 20;

const nextTick = () => new Promise((resolve) => process.nextTick(resolve));
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('Broadcaster', () => {
  test("the events of one tick leave in one message to the session's room, in seq order", async () => {
    const { broadcaster, sent } = world();
    broadcaster.broadcast('s-1', [event(3)]);
    broadcaster.broadcast('s-1', [event(1), event(2)]);
    broadcaster.broadcast('s-1', []);
    expect(sent).toEqual([]);
    await nextTick();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.target).toBe('session:s-1');
    // Uncompressed: deflating a broadcast would cost once per socket of the room.
    expect(sent[0]!.compressed).toBe(false);
    expect(sent[0]!.message.events!.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  test('a day opening is told as it leaves; sendAll sends what is queued at once', () => {
    const { broadcaster, sent, dayOpened } = world();
    const opened = { ...event(1, 'day:opened'), payload: { at: '2026-04-13T08:00:00.000Z' } } as SessionEvent;
    broadcaster.broadcast('s-1', [opened]);
    expect(dayOpened).toHaveBeenCalledWith('s-1', '2026-04-13T08:00:00.000Z');
    broadcaster.sendAll();
    expect(sent).toHaveLength(1);
  });

  test('a big room is written to a step of sockets per turn; each socket gets every message once, in order, the head after the events it counts', async () => {
    // A budget of 0: one step of sockets per turn.
    const { broadcaster, sent, ids, received } = world({ sockets: bigRoom, turnBudgetMs: 0 });
    broadcaster.broadcast('s-1', [event(1), event(2)]);
    broadcaster.send('s-1');
    broadcaster.sendHead({ sessionId: 's-1', epoch: 'e-1', headSeq: 3 });
    broadcaster.broadcast('s-1', [event(3)]);
    broadcaster.send('s-1');
    // Nothing is written in the turn that sends: the answers in hand go first.
    expect(sent).toEqual([]);
    await nextTurn();
    expect(sent).toHaveLength(1);
    expect((sent[0]!.target as string[]).length).toBeLessThan(ids.length);
    const steps = 3 * Math.ceil(bigRoom / socketsPerStep);
    for (let turn = 0; turn < 2 * steps && sent.length < steps; turn++) await nextTurn();
    // 3 messages, each a step of sockets per turn.
    expect(sent).toHaveLength(steps);
    for (const id of ids) expect(received(id)).toEqual(['events:1,2', 'head:3', 'events:3']);
  });

  test('sendAll writes everything still on its way before it returns, e.g. before closing', () => {
    const { broadcaster, ids, received } = world({ sockets: bigRoom, turnBudgetMs: 0 });
    broadcaster.broadcast('s-1', [event(1)]);
    broadcaster.send('s-1');
    broadcaster.broadcast('s-1', [event(2)]);
    broadcaster.sendAll();
    for (const id of ids) expect(received(id)).toEqual(['events:1,2']);
  });

  test('events sent while a message is on its way wait in one message, which goes to the room as it is by then', async () => {
    const { broadcaster, sent, ids, received } = world({ sockets: bigRoom, turnBudgetMs: 0 });
    broadcaster.broadcast('s-1', [event(1)]);
    broadcaster.send('s-1');
    await nextTurn();
    expect(sent).toHaveLength(1);
    broadcaster.broadcast('s-1', [event(2)]);
    broadcaster.send('s-1');
    const joined = ids.slice();
    ids.push('socket-joined');
    broadcaster.broadcast('s-1', [event(3)]);
    broadcaster.send('s-1');
    const steps = Math.ceil(bigRoom / socketsPerStep) + Math.ceil((bigRoom + 1) / socketsPerStep);
    for (let turn = 0; turn < 2 * steps && sent.length < steps; turn++) await nextTurn();
    await nextTurn();
    expect(sent).toHaveLength(steps);
    for (const id of joined) expect(received(id)).toEqual(['events:1', 'events:2,3']);
    expect(received('socket-joined')).toEqual(['events:2,3']);
  });

  test("with several processes, the others' sockets get the events through the adapter, once; the head stays local", async () => {
    const { broadcaster, sent, ids, received } = world({ sockets: 120, processRoom: 'process:p-1' });
    broadcaster.broadcast('s-1', [event(1)]);
    broadcaster.send('s-1');
    broadcaster.sendHead({ sessionId: 's-1', epoch: 'e-1', headSeq: 1 });
    const remote = sent.filter((s) => !s.local);
    expect(remote.map((s) => [s.target, s.except, s.channel])).toEqual([
      ['session:s-1', 'process:p-1', 'session:events'],
    ]);
    await nextTurn();
    for (const id of ids) expect(received(id)).toEqual(['events:1', 'head:1']);
  });

  test("roomSize counts this process's sockets in a session's room, none for a session no one has joined", () => {
    const { broadcaster } = world({ sockets: 7 });
    expect(broadcaster.roomSize('s-1')).toBe(7);
    expect(broadcaster.roomSize('s-2')).toBe(0);
  });
});
