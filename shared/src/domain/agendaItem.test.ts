import { describe, expect, test } from 'vitest';
import { AgendaItemStatus } from '../protocol/index.js';
import { agendaTransitions, canTransition, isItemLive, reopenedStatus } from './agendaItem.js';
import { formatRemaining, remainingMs } from './timer.js';

describe('agenda item status machine', () => {
  test('pending → presenting → floor-open → closed, and deferral from any open state', () => {
    expect(canTransition('pending', 'presenting')).toBe(true);
    expect(canTransition('presenting', 'floor-open')).toBe(true);
    expect(canTransition('floor-open', 'closed')).toBe(true);
    expect(canTransition('pending', 'deferred')).toBe(true);
    expect(canTransition('pending', 'closed')).toBe(false);
    expect(canTransition('floor-open', 'presenting')).toBe(false);
  });

  test('closed and deferred are final', () => {
    for (const to of Object.values(AgendaItemStatus)) {
      expect(canTransition('closed', to)).toBe(false);
      expect(canTransition('deferred', to)).toBe(false);
    }
    expect(Object.keys(agendaTransitions).sort()).toEqual(Object.values(AgendaItemStatus).sort());
  });

  test('rehearsal 5: only a closed item reopens, back to where it stood when it was closed', () => {
    expect(reopenedStatus({ status: 'closed', floorOpenedAt: '2026-04-13T09:15:00.000Z' })).toBe('floor-open');
    expect(reopenedStatus({ status: 'closed', floorOpenedAt: null })).toBe('presenting');
    for (const status of ['pending', 'presenting', 'floor-open', 'deferred'] as const) {
      expect(reopenedStatus({ status, floorOpenedAt: null })).toBeNull();
    }
  });

  test('only presenting and floor-open hold the floor', () => {
    expect(Object.values(AgendaItemStatus).filter(isItemLive)).toEqual(['presenting', 'floor-open']);
  });
});

describe('timer', () => {
  test('remaining time from absolute server times', () => {
    const running = { runningSince: '2026-04-13T09:00:00.000Z', elapsedMs: 0, extraMinutes: 0 };
    expect(remainingMs(running, 20, Date.parse('2026-04-13T09:05:00.000Z'))).toBe(15 * 60_000);
    expect(formatRemaining(remainingMs(running, 20, Date.parse('2026-04-13T09:21:30.000Z')))).toBe('-1:30');
    const pausedAfterTwo = { runningSince: null, elapsedMs: 2 * 60_000, extraMinutes: 5 };
    expect(remainingMs(pausedAfterTwo, 20, Date.parse('2030-01-01T00:00:00.000Z'))).toBe(23 * 60_000);
    expect(formatRemaining(59_999)).toBe('0:59');
  });
});
