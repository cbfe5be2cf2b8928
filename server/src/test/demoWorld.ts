import type { Command, Participant } from '@plenum/shared';
import { expect } from 'vitest';
import { ensureDemo } from '../demo/seedDemo.js';
import { InMemoryStore } from '../storage/InMemoryStore.js';
import { CommandService } from '../domain/commandService.js';
import { DomainError } from '../domain/errors.js';
import type { Clock, IdGenerator, Timers } from '../domain/ports.js';
import { systemTimers } from '../lib/systemClock.js';
import { SessionDirectory } from '../domain/sessionDirectory.js';
import { SessionService } from '../domain/sessionService.js';
import { SessionStates } from '../domain/sessionStates.js';

/** Turns taken at once: work a service leaves for the next turn runs before the call returns; nothing is scheduled later. */
export const handDriven: Timers = { after: () => () => undefined, nextTurn: (task) => void task() };

/** The world's session digests, as the services that read only the sessions holding something due are given them. */
export function worldDirectory(w: { store: InMemoryStore; commands: CommandService }): SessionDirectory {
  return new SessionDirectory({
    store: w.store,
    read: (sessionId, view) => w.commands.read(sessionId, view),
    timers: handDriven,
    onSaveError: (error) => {
      throw error;
    },
  });
}

/** A clock the test moves by hand. */
export function manualClock(start = '2026-04-13T09:00:00.000Z') {
  let now = Date.parse(start);
  const clock: Clock = { now: () => new Date(now) };
  return { clock, advance: (ms: number) => (now += ms) };
}

/** Ids id1, id2, … in order. */
export function sequentialIds(): IdGenerator {
  let n = 0;
  return { next: () => `id${++n}`, derive: (...parts) => parts.join('_') };
}

/**
 * The demo seeded into an in-memory store, with the real services and a participant per role.
 * Unless `snapshotQuietMs` is given, snapshots are saved as soon as they are due.
 */
export async function demoWorld(
  clock: Clock = manualClock().clock,
  options: { timers?: Timers; snapshotQuietMs?: number } = {},
) {
  const store = new InMemoryStore();
  const ids = sequentialIds();
  const commands = new CommandService({
    store,
    states: new SessionStates(store, options.timers ?? systemTimers),
    clock,
    ids,
    timers: options.timers ?? systemTimers,
    snapshotQuietMs: options.snapshotQuietMs ?? null,
  });
  let token = 0;
  const sessions = new SessionService({
    commands,
    invitations: store,
    clock,
    ids,
    tokens: { issue: () => ({ token: `t${++token}`, hash: `h${token}` }) },
  });
  const demo = await ensureDemo({ sessions, commands, settings: store, ids });
  const byRole = Object.fromEntries(demo.invitations.map((i) => [i.participant.role, i.participant])) as Record<
    Participant['role'],
    Participant
  >;
  let n = 0;
  const run = (actor: Participant, command: Command, sessionId = demo.sessionId) =>
    commands.execute(actor, sessionId, `cmd-${String(++n).padStart(5, '0')}`, command);
  return { store, commands, sessions, sessionId: demo.sessionId, byRole, run, ids };
}

/** Awaits a refusal and returns the DomainError. */
export async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** The issue refusing a convened day's date (`refuseConveneDays`), at `path`, for its reason and date. */
export function dayDateIssue(path: string, code: 'day-before-today' | 'day-not-after-previous', date: string) {
  return code === 'day-before-today'
    ? { path, message: `not before ${date}`, reason: { code, today: date } }
    : { path, message: `after ${date}`, reason: { code, after: date } };
}
