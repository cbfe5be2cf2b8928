import type { CommandResult, SessionEvent } from '@plenum/shared';
import type { CheckpointClaim } from '../chain/checkpoint.js';
import { checkpointEventTypes, eventHash, genesisHash } from '../chain/hash.js';
import { commandKey } from '../domain/commandKey.js';
import { ConcurrencyError, loggedEvents, type AppendOutcome, type AppendRequest } from '../domain/ports.js';

/** What a store knows before a batch: read inside its transaction, after taking its locks. */
export interface AppendBasis {
  /** The session's head; 0 when it has no events. */
  head(sessionId: string): number;
  /** The chain hash of the session's head event; null when it has no events. */
  headHash(sessionId: string): string | null;
  /** The stored answer to a command id already in the log, if any. */
  known(sessionId: string, commandId: string): CommandResult | undefined;
}

/** An event row to insert, with the command it answers. */
export interface PlannedEvent {
  event: SessionEvent;
  commandId: string | null;
  /** Its chain hash, after its predecessor's. */
  hash: string;
}

/** A command id to record with the answer the log gives to its repeats. */
export interface PlannedCommand {
  sessionId: string;
  commandId: string;
  actorId: string;
  seq: number;
}

/** A session's head moved by the batch: from `from` (0 for a new session) to `to`. */
export interface PlannedHead {
  sessionId: string;
  from: number;
  to: number;
  /** When the session's first event of the batch was logged: its creation time when `from` is 0. */
  firstAt: string;
}

/** The writes of one batch, in order, and the outcome of each request. */
export interface AppendPlan {
  outcomes: AppendOutcome[];
  events: PlannedEvent[];
  commands: PlannedCommand[];
  heads: PlannedHead[];
  /** The log's head at each day's adjournment and at the close in the batch, for the store to sign. */
  checkpoints: CheckpointClaim[];
}

/** Refuses a batch with a request that appends nothing, before a store opens its transaction. */
export function assertAppendable(requests: readonly AppendRequest[]): void {
  if (requests.some((request) => request.events.length === 0)) throw new Error('nothing to append');
}

/**
 * Plans a batch as one transaction applies it (P1, P2): each request is checked against the
 * head its predecessors in the batch left, a command id known to the log or to an earlier
 * request of the batch is a duplicate that appends nothing, and any other head than the
 * request's `expectedSeq` throws {@link ConcurrencyError}, so the store writes none of it.
 * Each event gets its chain hash (one SHA-256 each), after the hash the log's head or its
 * predecessor in the batch has.
 */
export function planAppend(requests: readonly AppendRequest[], basis: AppendBasis): AppendPlan {
  assertAppendable(requests);
  const heads = new Map<string, PlannedHead>();
  const hashes = new Map<string, string>();
  const added = new Map<string, CommandResult>();
  const plan: AppendPlan = { outcomes: [], events: [], commands: [], heads: [], checkpoints: [] };
  for (const request of requests) {
    const { sessionId, commandId, actorId } = request;
    const known =
      commandId === null
        ? undefined
        : (added.get(commandKey(sessionId, commandId)) ?? basis.known(sessionId, commandId));
    if (known) {
      plan.outcomes.push({ kind: 'duplicate', result: known });
      continue;
    }
    const planned = heads.get(sessionId);
    const head = planned?.to ?? basis.head(sessionId);
    if (head !== request.expectedSeq) throw new ConcurrencyError(sessionId, request.expectedSeq, head);
    const events = loggedEvents(request);
    const result = { seq: head + events.length };
    if (planned) planned.to = result.seq;
    else heads.set(sessionId, { sessionId, from: head, to: result.seq, firstAt: request.at });
    let previous = hashes.get(sessionId) ?? basis.headHash(sessionId) ?? genesisHash;
    for (const event of events) {
      const hash = eventHash(event, previous);
      plan.events.push({ event, commandId, hash });
      if (checkpointEventTypes.has(event.type)) {
        plan.checkpoints.push({ sessionId, seq: event.seq, headHash: hash, at: event.at });
      }
      previous = hash;
    }
    hashes.set(sessionId, previous);
    if (commandId !== null) {
      added.set(commandKey(sessionId, commandId), result);
      plan.commands.push({ sessionId, commandId, actorId, seq: result.seq });
    }
    plan.outcomes.push({ kind: 'appended', result, events });
  }
  plan.heads = [...heads.values()];
  return plan;
}
