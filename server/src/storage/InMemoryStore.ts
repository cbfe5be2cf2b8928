import { randomUUID } from 'node:crypto';
import type { CommandResult, SessionEvent } from '@plenum/shared';
import {
  ConcurrencyError,
  loggedEvents,
  type AppendOutcome,
  type AppendRequest,
  type InvitationRecord,
  type StateSnapshot,
  type Store,
} from '../domain/ports.js';

/** A store in process memory, with the same semantics as the durable ones; for unit tests. */
export class InMemoryStore implements Store {
  readonly kind = 'memory';
  private readonly logs = new Map<string, SessionEvent[]>();
  private readonly commands = new Map<string, { actorId: string; result: CommandResult }>();
  private readonly invitations = new Map<string, InvitationRecord>();
  private readonly settings = new Map<string, string>();
  private readonly snapshots = new Map<string, StateSnapshot>();
  private readonly epochValue = randomUUID();

  epoch(): Promise<string> {
    return Promise.resolve(this.epochValue);
  }

  async append(request: AppendRequest): Promise<AppendOutcome> {
    return (await this.appendBatch([request]))[0]!;
  }

  appendBatch(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    if (requests.some((request) => request.events.length === 0)) return Promise.reject(new Error('nothing to append'));
    // Checked against what the batch adds so far, and applied only once every request fits: all or nothing.
    const added = new Map<string, SessionEvent[]>();
    const commands = new Map<string, { actorId: string; result: CommandResult }>();
    const outcomes: AppendOutcome[] = [];
    for (const request of requests) {
      const commandKey = request.commandId === null ? null : `${request.sessionId}\u0000${request.commandId}`;
      const known = commandKey === null ? undefined : (commands.get(commandKey) ?? this.commands.get(commandKey));
      if (known) {
        outcomes.push({ kind: 'duplicate', result: known.result });
        continue;
      }
      const pending = added.get(request.sessionId) ?? [];
      const head = (this.logs.get(request.sessionId)?.length ?? 0) + pending.length;
      if (head !== request.expectedSeq) {
        return Promise.reject(new ConcurrencyError(request.sessionId, request.expectedSeq, head));
      }
      const events = structuredClone(loggedEvents(request));
      pending.push(...structuredClone(events));
      added.set(request.sessionId, pending);
      const result = { seq: head + events.length };
      if (commandKey !== null) commands.set(commandKey, { actorId: request.actorId, result });
      outcomes.push({ kind: 'appended', result, events });
    }
    for (const [sessionId, events] of added) {
      const log = this.logs.get(sessionId) ?? [];
      for (const event of events) log.push(event);
      this.logs.set(sessionId, log);
    }
    for (const [key, command] of commands) this.commands.set(key, command);
    return Promise.resolve(outcomes);
  }

  findCommand(sessionId: string, commandId: string): Promise<{ actorId: string; result: CommandResult } | null> {
    return Promise.resolve(this.commands.get(`${sessionId}\u0000${commandId}`) ?? null);
  }

  read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return Promise.resolve(structuredClone((this.logs.get(sessionId) ?? []).slice(afterSeq, afterSeq + limit)));
  }

  head(sessionId: string): Promise<number> {
    return Promise.resolve(this.logs.get(sessionId)?.length ?? 0);
  }

  listSessions(): Promise<string[]> {
    return Promise.resolve([...this.logs.keys()]);
  }

  loadSnapshot(sessionId: string): Promise<StateSnapshot | null> {
    return Promise.resolve(this.snapshots.get(sessionId) ?? null);
  }

  saveSnapshot(snapshot: StateSnapshot): Promise<void> {
    this.snapshots.set(snapshot.sessionId, { ...snapshot });
    return Promise.resolve();
  }

  getSetting(key: string): Promise<string | null> {
    return Promise.resolve(this.settings.get(key) ?? null);
  }

  setSetting(key: string, value: string): Promise<void> {
    this.settings.set(key, value);
    return Promise.resolve();
  }

  saveInvitation(record: InvitationRecord): Promise<void> {
    this.invitations.set(record.tokenHash, { ...record });
    return Promise.resolve();
  }

  findInvitation(tokenHash: string): Promise<InvitationRecord | null> {
    return Promise.resolve(this.invitations.get(tokenHash) ?? null);
  }

  revokeInvitations(sessionId: string, participantId: string, at: string): Promise<number> {
    let count = 0;
    for (const record of this.invitations.values()) {
      if (record.sessionId === sessionId && record.participant.id === participantId && record.revokedAt === null) {
        record.revokedAt = at;
        count++;
      }
    }
    return Promise.resolve(count);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
