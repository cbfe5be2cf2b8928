import { describe, expect, test } from 'vitest';
import { IllegalSyncTransition, statusOf, transition, type SyncInput, type SyncPhase } from './syncMachine';

const phases: SyncPhase[] = [
  'idle',
  'connecting',
  'joining',
  'catching-up',
  'live',
  'reconnecting',
  'stale-epoch',
  'offline',
  'incompatible',
];
const inputs: SyncInput[] = [
  'connect',
  'connected',
  'fetch',
  'page',
  'caught-up',
  'epoch-changed',
  'throttled',
  'dropped',
  'closed',
  'refused-version',
  'dispose',
];

/** The machine's specification, written out: [from, input, to]. Every other pair is illegal. */
const legal: [SyncPhase, SyncInput, SyncPhase][] = [
  ['idle', 'connect', 'connecting'],
  // Waiting for a connection.
  ...(['connecting', 'reconnecting'] as const).flatMap((from): [SyncPhase, SyncInput, SyncPhase][] => [
    [from, 'connect', 'connecting'],
    [from, 'connected', 'joining'],
    [from, 'dropped', 'reconnecting'],
    [from, 'closed', 'offline'],
    [from, 'refused-version', 'incompatible'],
    [from, 'dispose', 'idle'],
  ]),
  // An unfinished join: asked again, answered, refused, lost.
  ...(['joining', 'catching-up', 'stale-epoch'] as const).flatMap((from): [SyncPhase, SyncInput, SyncPhase][] => [
    [from, 'fetch', from],
    [from, 'page', 'catching-up'],
    [from, 'caught-up', 'live'],
    [from, 'epoch-changed', 'stale-epoch'],
    [from, 'throttled', 'catching-up'],
    [from, 'refused-version', 'incompatible'],
    [from, 'dropped', 'reconnecting'],
    [from, 'closed', 'offline'],
    [from, 'dispose', 'idle'],
  ]),
  ['live', 'fetch', 'catching-up'],
  ['live', 'dropped', 'reconnecting'],
  ['live', 'closed', 'offline'],
  ['live', 'dispose', 'idle'],
  ['offline', 'connect', 'connecting'],
  ['offline', 'fetch', 'catching-up'],
  ['offline', 'dropped', 'reconnecting'],
  ['offline', 'closed', 'offline'],
  ['offline', 'dispose', 'idle'],
  ['incompatible', 'connect', 'connecting'],
  ['incompatible', 'dropped', 'reconnecting'],
  ['incompatible', 'closed', 'offline'],
  ['incompatible', 'dispose', 'idle'],
];

describe('the session sync state machine', () => {
  test.each(legal)('%s + %s → %s', (from, input, to) => {
    expect(transition(from, input)).toBe(to);
  });

  const illegal = phases.flatMap((from) =>
    inputs.filter((input) => !legal.some(([f, i]) => f === from && i === input)).map((input) => [from, input] as const),
  );
  test.each(illegal)('%s + %s is illegal', (from, input) => {
    expect(() => transition(from, input)).toThrow(IllegalSyncTransition);
  });

  test('the badge reads joining and a stale epoch as catching up, every other phase as itself', () => {
    expect(phases.map((phase) => [phase, statusOf(phase)])).toEqual([
      ['idle', 'idle'],
      ['connecting', 'connecting'],
      ['joining', 'catching-up'],
      ['catching-up', 'catching-up'],
      ['live', 'live'],
      ['reconnecting', 'reconnecting'],
      ['stale-epoch', 'catching-up'],
      ['offline', 'offline'],
      ['incompatible', 'incompatible'],
    ]);
  });
});
