import {
  canIssue,
  copySessionState,
  refusal,
  type Command,
  type CommandResult,
  type NewEvent,
  type Participant,
  type SessionEvent,
  type SessionState,
  unparsedCriticismLines,
} from '@plenum/shared';
import { decide } from './decide/index.js';
import { DomainError } from './errors.js';
import {
  ConcurrencyError,
  laterTurn,
  loggedEvents,
  type AppendRequest,
  type Clock,
  type IdGenerator,
  type Store,
  type Timers,
} from './ports.js';
import { commandKey } from './commandKey.js';
import { criticismsLoading, CriticismsLoadingError } from './criticismLoad.js';
import { Lane } from './lane.js';
import type { SessionStates } from './sessionStates.js';
import { defaultSnapshotQuietMs, SnapshotScheduler } from './snapshotScheduler.js';

/** What a command produced: the ack's data and the events to broadcast (none for a repeat). */
export interface CommandOutcome {
  result: CommandResult;
  events: SessionEvent[];
}

export interface CommandServiceDeps {
  store: Store;
  states: SessionStates;
  clock: Clock;
  ids: IdGenerator;
  /** The turns a batch waits for and the pause snapshots wait for; tests may drive them by hand. */
  timers: Timers;
  /** Told when a state snapshot could not be saved; the log stays the truth, so nothing else fails. */
  onSnapshotError?: (error: unknown, sessionId: string) => void;
  /**
   * How long no batch must have run before due snapshots are saved ({@link defaultSnapshotQuietMs});
   * null: right after the batch.
   */
  snapshotQuietMs?: number | null;
  /** Told, after the answers, which sessions a batch appended to (webhook deliveries follow the log from there). */
  onCommitted?: (sessionIds: readonly string[]) => void;
  /** Told, after the answers, of the events a batch appended to a session (the cascade relays forwards from there). */
  onAppended?: (sessionId: string, events: readonly SessionEvent[]) => void;
}

/** A command already in the log: who sent it and its first answer. */
type KnownCommand = { actorId: string; result: CommandResult };

/** One command or system append waiting for its batch. */
interface Entry {
  sessionId: string;
  /** Checked against the log before deciding (P2); null for system appends. */
  commandId: string | null;
  /**
   * Decides against the session's state, which already holds the events of the batch's earlier
   * entries (not yet committed); `known` is the log's answer to the same command id. Returns
   * the events to append (none: append nothing) or a ready answer; throws to refuse.
   */
  decide(state: SessionState, known: KnownCommand | null): CommandOutcome | { actorId: string; events: NewEvent[] };
  resolve(outcome: CommandOutcome): void;
  reject(error: unknown): void;
}

const maxConcurrencyRetries = 5;

/**
 * The domain's one entry for commands, in this order: authorise the actor's role (at once, the
 * role alone decides), wait for the batch (the next turn of the injected {@link Timers}), load
 * the session's state, authorise its status, decide (`decide/*`, which keeps the rules about
 * targets), append. The transport acks and broadcasts only after this resolves, so an ack
 * always means committed (P3).
 *
 * Group commit: commands arriving in the same turn of the event loop, and those arriving while
 * the previous batch commits, are decided one after another in arrival order, each on the state
 * the earlier ones left, and appended in one store transaction, so one fsync serves them all.
 * Every answer waits for that commit; if it fails, no command of the batch is answered with
 * success and the sessions' states are folded again from the log.
 */
export class CommandService {
  /** Batches run one at a time; reads and snapshots run between them, when states hold only committed events. */
  private readonly lane = new Lane();
  private readonly snapshots: SnapshotScheduler;
  private queue: Entry[] = [];
  private batchPending = false;
  /** Commands waiting for their batch, by {@link commandKey}, so a retry waits for the first answer. */
  private readonly inFlight = new Map<string, Promise<CommandOutcome>>();
  /** Sessions whose cached state holds events folded for the batch being committed. */
  private readonly uncommitted = new Set<string>();

  constructor(private readonly deps: CommandServiceDeps) {
    this.snapshots = new SnapshotScheduler({
      states: deps.states,
      lane: this.lane,
      timers: deps.timers,
      quietMs: deps.snapshotQuietMs === undefined ? defaultSnapshotQuietMs : deps.snapshotQuietMs,
      onError: deps.onSnapshotError,
    });
  }

  /**
   * Executes a command for a participant. A command id seen before returns its first answer
   * and appends nothing (P2), also while the first is still being committed. Throws
   * {@link DomainError} on refusal.
   * @example
   * const { result, events } = await commands.execute(participant, sessionId, commandId, command);
   */
  async execute(actor: Participant, sessionId: string, commandId: string, command: Command): Promise<CommandOutcome> {
    if (!canIssue(actor.role, command.type)) {
      // Refused without waiting for a batch, as the role alone decides; a command the log
      // already holds still gets its first answer (P2).
      const known = await this.deps.store.findCommand(sessionId, commandId);
      if (known) return repeat(known, actor.id);
      throw new DomainError('FORBIDDEN', `A ${actor.role} may not ${describe(command.type)}.`);
    }
    const key = commandKey(sessionId, commandId);
    for (let first = this.inFlight.get(key); first; first = this.inFlight.get(key)) {
      await first.catch(() => undefined);
    }
    const outcome = this.withRetries(() =>
      this.inBatch(sessionId, commandId, (state, known) => {
        if (known) return repeat(known, actor.id);
        if (!state.definition) throw new DomainError('NOT_FOUND', `There is no review session ${sessionId}.`);
        if (refusal(actor.role, command.type, state.status) === 'status') {
          throw new DomainError(
            'FORBIDDEN',
            `The session is ${state.status}: nobody may ${describe(command.type)} now.`,
          );
        }
        const now = this.deps.clock.now().toISOString();
        return { actorId: actor.id, events: decide(state, command, { actor, now, newId: () => this.deps.ids.next() }) };
      }),
    );
    this.inFlight.set(key, outcome);
    try {
      return await outcome;
    } finally {
      if (this.inFlight.get(key) === outcome) this.inFlight.delete(key);
    }
  }

  /** A copy of the session's current state, caught up with the log and with every command queued before. */
  state(sessionId: string): Promise<SessionState> {
    return this.readWhole(sessionId, copySessionState);
  }

  /**
   * What `view` derives from the session's current state, without copying the state: for
   * answers asked often, such as on every join. `view` must not keep or return parts of the
   * state, which later commands change in place. A state whose criticisms are still loading from
   * its snapshot is read once they are all in (see {@link readWithoutCriticisms}).
   */
  async read<TResult>(sessionId: string, view: (state: SessionState) => TResult): Promise<TResult> {
    for (;;) {
      const read = await this.readWithin(sessionId, (state) =>
        criticismsLoading(state) ? null : { result: view(state) },
      );
      if (read) return read.result;
      await this.deps.states.loaded(sessionId);
    }
  }

  /**
   * As {@link read}, for a `view` that reads every criticism (the records, a copy of the state):
   * the criticisms a state keeps as text after a start are parsed first, a few lines a turn.
   */
  async readWhole<TResult>(sessionId: string, view: (state: SessionState) => TResult): Promise<TResult> {
    for (;;) {
      const read = await this.readWithin(sessionId, (state) =>
        criticismsLoading(state) || unparsedCriticismLines(state.criticisms) > 0 ? null : { result: view(state) },
      );
      if (read) return read.result;
      await this.deps.states.parsed(sessionId);
    }
  }

  /**
   * As {@link read}, without waiting for the criticisms a state loads behind it after a start:
   * for a `view` that reads nothing of `state.criticisms` but their order and count.
   */
  readWithoutCriticisms<TResult>(sessionId: string, view: (state: SessionState) => TResult): Promise<TResult> {
    return this.readWithin(sessionId, view);
  }

  /**
   * What `view` derives from the session's cached state when that state holds every event up to
   * `seq` (a head the caller read from the store) and only committed ones: no log read and no
   * wait for the lane, for checks made on every join. Otherwise as {@link readWithoutCriticisms}.
   * Events another process commits after `seq` may be missing, so only a caller content with the
   * log as of `seq` may ask; the same rules for `view` as for {@link readWithoutCriticisms}.
   */
  readAtLeast<TResult>(sessionId: string, seq: number, view: (state: SessionState) => TResult): Promise<TResult> {
    const state = this.deps.states.cached(sessionId);
    if (state && state.lastSeq >= seq && !this.uncommitted.has(sessionId)) return Promise.resolve(view(state));
    return this.readWithoutCriticisms(sessionId, view);
  }

  /** `view` of the session's current state, in the lane, between batches. */
  private readWithin<TResult>(sessionId: string, view: (state: SessionState) => TResult): Promise<TResult> {
    return this.lane.run(async () => {
      const result = view(await this.deps.states.current(sessionId));
      // A first load may have folded a long tail: worth a snapshot before the next start.
      this.snapshots.schedule();
      return result;
    });
  }

  /**
   * Appends events the server itself originates (seeding, invitations, attendance), decided
   * on the current state by `decideEvents`, in the same batches as commands. Deciding no
   * events appends nothing.
   */
  appendSystem(
    sessionId: string,
    actorId: string,
    decideEvents: (state: SessionState) => NewEvent[],
  ): Promise<CommandOutcome> {
    return this.withRetries(() => this.inBatch(sessionId, null, (state) => ({ actorId, events: decideEvents(state) })));
  }

  /**
   * Appends, as one command of `actorId` under `commandId`, the events `decideEvents` decides on
   * the current state: all of them in one transaction, or none when it throws. A command id seen
   * before returns its first answer and appends nothing (P2). For a request its transport has
   * authorised that stands for several commands, such as a file of reports imported at once.
   */
  appendCommand(
    sessionId: string,
    actorId: string,
    commandId: string,
    decideEvents: (state: SessionState) => NewEvent[],
  ): Promise<CommandOutcome> {
    return this.withRetries(() =>
      this.inBatch(sessionId, commandId, (state, known) =>
        known ? repeat(known, actorId) : { actorId, events: decideEvents(state) },
      ),
    );
  }

  /** Saves a snapshot of every cached state that moved since its last one; for a graceful shutdown. */
  saveSnapshots(): Promise<void> {
    return this.snapshots.saveAll();
  }

  /** Resolves once every snapshot save begun so far (they are written off the event loop) is written or has failed. */
  snapshotsWritten(): Promise<void> {
    return this.snapshots.written();
  }

  /** A batch that lost a race with another process is decided again on the log as it now is. */
  private async withRetries(attempt: () => Promise<CommandOutcome>): Promise<CommandOutcome> {
    for (let retries = 0; ; retries++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof ConcurrencyError) || retries >= maxConcurrencyRetries) throw error;
      }
    }
  }

  private inBatch(sessionId: string, commandId: string | null, decideEntry: Entry['decide']): Promise<CommandOutcome> {
    return new Promise((resolve, reject) =>
      this.enqueue({ sessionId, commandId, decide: decideEntry, resolve, reject }),
    );
  }

  private enqueue(entry: Entry): void {
    this.queue.push(entry);
    if (this.batchPending) return;
    this.batchPending = true;
    void this.lane.run(async () => {
      // One more turn, so that every command read from the sockets in this one joins the batch.
      await laterTurn(this.deps.timers);
      this.batchPending = false;
      await this.commit(this.queue.splice(0));
    });
  }

  private async commit(batch: readonly Entry[]): Promise<void> {
    const sessionIds = new Set(batch.map((entry) => entry.sessionId));
    const answers: (() => void)[] = [];
    /** Entries that named a criticism their session's state is still loading: decided again once it is. */
    const waiting: Entry[] = [];
    const appended = new Map<string, SessionEvent[]>();
    try {
      const states = new Map<string, SessionState>();
      for (const sessionId of sessionIds) states.set(sessionId, await this.deps.states.current(sessionId));
      const known = await Promise.all(
        batch.map((entry) =>
          entry.commandId === null
            ? Promise.resolve(null)
            : this.deps.store.findCommand(entry.sessionId, entry.commandId),
        ),
      );
      const appending: { entry: Entry; request: AppendRequest }[] = [];
      for (const sessionId of sessionIds) this.uncommitted.add(sessionId);
      batch.forEach((entry, i) => {
        const state = states.get(entry.sessionId)!;
        let decided: ReturnType<Entry['decide']>;
        try {
          decided = entry.decide(state, known[i]!);
        } catch (error) {
          if (error instanceof CriticismsLoadingError) waiting.push(entry);
          else answers.push(() => entry.reject(error));
          return;
        }
        if ('result' in decided || decided.events.length === 0) {
          const outcome = 'result' in decided ? decided : { result: { seq: state.lastSeq }, events: [] };
          answers.push(() => entry.resolve(outcome));
          return;
        }
        const request: AppendRequest = {
          sessionId: entry.sessionId,
          commandId: entry.commandId,
          actorId: decided.actorId,
          expectedSeq: state.lastSeq,
          at: this.deps.clock.now().toISOString(),
          events: decided.events,
        };
        // Folded before the commit, so that the next entries are decided on it (their
        // expectedSeq chains on); undone by eviction if the commit fails. The reducer copies
        // whatever part of a payload a later event changes, so the payloads are still as
        // decided when they are written.
        this.deps.states.record(entry.sessionId, loggedEvents(request));
        appending.push({ entry, request });
      });
      const outcomes = appending.length > 0 ? await this.deps.store.appendBatch(appending.map((a) => a.request)) : [];
      outcomes.forEach((outcome, i) => {
        const { entry } = appending[i]!;
        // Another process committed this command id first: its events were folded, not logged.
        if (outcome.kind === 'duplicate') this.deps.states.evict(entry.sessionId);
        const events = outcome.kind === 'appended' ? outcome.events : [];
        if (events.length > 0) appended.set(entry.sessionId, [...(appended.get(entry.sessionId) ?? []), ...events]);
        answers.push(() => entry.resolve({ result: outcome.result, events }));
      });
    } catch (error) {
      // Nothing of the batch is in the log, but its events were folded: fold those states again.
      for (const sessionId of sessionIds) this.deps.states.evict(sessionId);
      for (const entry of batch) entry.reject(error);
      return;
    } finally {
      for (const sessionId of sessionIds) this.uncommitted.delete(sessionId);
    }
    for (const answer of answers) answer();
    for (const entry of waiting) void this.deps.states.loaded(entry.sessionId).then(() => this.enqueue(entry));
    if (appended.size > 0) this.deps.onCommitted?.([...appended.keys()]);
    for (const [sessionId, events] of appended) this.deps.onAppended?.(sessionId, events);
    this.snapshots.schedule();
  }
}

/** The first answer to a command id, for its sender only (P2). */
function repeat(known: KnownCommand, actorId: string): CommandOutcome {
  if (known.actorId !== actorId) {
    throw new DomainError('CONFLICT', 'That command id was already used by someone else; send a new one.');
  }
  return { result: known.result, events: [] };
}

function describe(type: Command['type']): string {
  const [domain, verb] = type.split(':') as [string, string];
  return `${verb.replaceAll('-', ' ')} (${domain})`;
}
