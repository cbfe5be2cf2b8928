import {
  canIssue,
  refusal,
  type Command,
  type CommandResult,
  type NewEvent,
  type Participant,
  type SessionEvent,
  type SessionState,
} from '@plenum/shared';
import { decide } from './decide/index.js';
import { DomainError } from './errors.js';
import { ConcurrencyError, type Clock, type IdGenerator, type Store } from './ports.js';
import type { SessionStates } from './sessionStates.js';

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
}

const maxConcurrencyRetries = 5;

/**
 * The domain's one entry for commands: load the state, authorise, decide, append. The
 * transport acks and broadcasts only after this resolves, so an ack always means committed (P3).
 */
export class CommandService {
  constructor(private readonly deps: CommandServiceDeps) {}

  /**
   * Executes a command for a participant. A command id seen before returns its first answer
   * and appends nothing (P2). Throws {@link DomainError} on refusal.
   * @example
   * const { result, events } = await commands.execute(participant, sessionId, commandId, command);
   */
  async execute(actor: Participant, sessionId: string, commandId: string, command: Command): Promise<CommandOutcome> {
    return this.deps.states.exclusive(sessionId, async () => {
      const known = await this.deps.store.findCommand(sessionId, commandId);
      if (known) return this.repeat(known, actor);
      if (!canIssue(actor.role, command.type)) {
        throw new DomainError('FORBIDDEN', `A ${actor.role} may not ${describe(command.type)}.`);
      }
      for (let attempt = 0; ; attempt++) {
        const state = await this.deps.states.current(sessionId);
        if (!state.definition) throw new DomainError('NOT_FOUND', `There is no review session ${sessionId}.`);
        if (refusal(actor.role, command.type, state.status) === 'status') {
          throw new DomainError(
            'FORBIDDEN',
            `The session is ${state.status}: nobody may ${describe(command.type)} now.`,
          );
        }
        const events = decide(state, command, {
          actor,
          now: this.deps.clock.now().toISOString(),
          newId: () => this.deps.ids.next(),
        });
        try {
          return await this.append(state, commandId, actor, events);
        } catch (error) {
          if (!(error instanceof ConcurrencyError) || attempt >= maxConcurrencyRetries) throw error;
        }
      }
    });
  }

  /** A copy of the session's current state, caught up with the log (the live one is folded in place). */
  state(sessionId: string): Promise<SessionState> {
    return this.deps.states.exclusive(sessionId, async () =>
      structuredClone(await this.deps.states.current(sessionId)),
    );
  }

  /**
   * Appends events the server itself originates (seeding, invitations, attendance), decided
   * on the current state by `decideEvents`. Deciding no events appends nothing.
   */
  async appendSystem(
    sessionId: string,
    actorId: string,
    decideEvents: (state: SessionState) => NewEvent[],
  ): Promise<CommandOutcome> {
    return this.deps.states.exclusive(sessionId, async () => {
      const state = await this.deps.states.current(sessionId);
      const events = decideEvents(state);
      if (events.length === 0) return { result: { seq: state.lastSeq }, events: [] };
      const outcome = await this.deps.store.append({
        sessionId,
        commandId: null,
        actorId,
        expectedSeq: state.lastSeq,
        at: this.deps.clock.now().toISOString(),
        events,
      });
      if (outcome.kind !== 'appended') throw new Error('a system append cannot be a repeat');
      this.deps.states.record(sessionId, outcome.events);
      return { result: outcome.result, events: outcome.events };
    });
  }

  private async append(
    state: SessionState,
    commandId: string,
    actor: Participant,
    events: NewEvent[],
  ): Promise<CommandOutcome> {
    const outcome = await this.deps.store.append({
      sessionId: state.sessionId,
      commandId,
      actorId: actor.id,
      expectedSeq: state.lastSeq,
      at: this.deps.clock.now().toISOString(),
      events,
    });
    if (outcome.kind === 'duplicate') return { result: outcome.result, events: [] };
    this.deps.states.record(state.sessionId, outcome.events);
    return { result: outcome.result, events: outcome.events };
  }

  private repeat(known: { actorId: string; result: CommandResult }, actor: Participant): CommandOutcome {
    if (known.actorId !== actor.id) {
      throw new DomainError('CONFLICT', 'That command id was already used by someone else; send a new one.');
    }
    return { result: known.result, events: [] };
  }
}

function describe(type: Command['type']): string {
  const [domain, verb] = type.split(':') as [string, string];
  return `${verb.replaceAll('-', ' ')} (${domain})`;
}
