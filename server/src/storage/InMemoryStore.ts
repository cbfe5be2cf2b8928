import { randomUUID } from 'node:crypto';
import type { CommandResult, SessionEvent } from '@plenum/shared';
import {
  ConcurrencyError,
  type AppendOutcome,
  type AppendRequest,
  type InvitationRecord,
  type Store,
} from '../domain/ports.js';

/** A store in process memory, with the same semantics as the durable ones; for unit tests. */
export class InMemoryStore implements Store {
  readonly kind = 'memory';
  private readonly logs = new Map<string, SessionEvent[]>();
  private readonly commands = new Map<string, { actorId: string; result: CommandResult }>();
  private readonly invitations = new Map<string, InvitationRecord>();
  private readonly settings = new Map<string, string>();
  private readonly epochValue = randomUUID();

  epoch(): Promise<string> {
    return Promise.resolve(this.epochValue);
  }

  append(request: AppendRequest): Promise<AppendOutcome> {
    if (request.events.length === 0) return Promise.reject(new Error('nothing to append'));
    const commandKey = request.commandId === null ? null : `${request.sessionId}\u0000${request.commandId}`;
    const known = commandKey === null ? undefined : this.commands.get(commandKey);
    if (known) return Promise.resolve({ kind: 'duplicate', result: known.result });
    const log = this.logs.get(request.sessionId) ?? [];
    if (log.length !== request.expectedSeq) {
      return Promise.reject(new ConcurrencyError(request.sessionId, request.expectedSeq, log.length));
    }
    const events = request.events.map((event, i) => ({
      ...structuredClone(event),
      seq: log.length + i + 1,
      sessionId: request.sessionId,
      at: request.at,
      actorId: request.actorId,
    }));
    log.push(...structuredClone(events));
    this.logs.set(request.sessionId, log);
    const result = { seq: log.length };
    if (commandKey !== null) this.commands.set(commandKey, { actorId: request.actorId, result });
    return Promise.resolve({ kind: 'appended', result, events });
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
