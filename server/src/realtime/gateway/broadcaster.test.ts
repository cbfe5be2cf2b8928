import type { SessionEvent } from '@plenum/shared';
import { describe, expect, test, vi } from 'vitest';
import type { GatewayServer } from '../types.js';
import { Broadcaster } from './broadcaster.js';

const event = (seq: number, type = 'session:renamed'): SessionEvent =>
  ({ seq, sessionId: 's-1', at: '2026-04-13T09:00:00.000Z', actorId: 'p-1', type, payload: {} }) as SessionEvent;

function world() {
  const emit = vi.fn<(channel: string, message: { sessionId: string; events: SessionEvent[] }) => void>();
  const room: { emit: typeof emit; compress: (on: boolean) => typeof room } = { emit, compress: vi.fn(() => room) };
  const to = vi.fn(() => room);
  const dayOpened = vi.fn();
  return {
    broadcaster: new Broadcaster({ to } as unknown as GatewayServer, dayOpened),
    emit,
    to,
    compress: room.compress,
    dayOpened,
  };
}

describe('Broadcaster', () => {
  test("the events of one tick leave in one message to the session's room, in seq order", async () => {
    const { broadcaster, emit, to, compress } = world();
    broadcaster.broadcast('s-1', [event(3)]);
    broadcaster.broadcast('s-1', [event(1), event(2)]);
    broadcaster.broadcast('s-1', []);
    expect(emit).not.toHaveBeenCalled();
    await new Promise((resolve) => process.nextTick(resolve));
    expect(to).toHaveBeenCalledWith('session:s-1');
    // Uncompressed: deflating a broadcast would cost once per socket of the room.
    expect(compress).toHaveBeenCalledWith(false);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]![1].events.map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  test('a day opening is told as it leaves; sendAll sends what is queued at once', () => {
    const { broadcaster, emit, dayOpened } = world();
    const opened = { ...event(1, 'day:opened'), payload: { at: '2026-04-13T08:00:00.000Z' } } as SessionEvent;
    broadcaster.broadcast('s-1', [opened]);
    expect(dayOpened).toHaveBeenCalledWith('s-1', '2026-04-13T08:00:00.000Z');
    broadcaster.sendAll();
    expect(emit).toHaveBeenCalledTimes(1);
  });
});
