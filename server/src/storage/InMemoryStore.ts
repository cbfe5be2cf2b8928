import { randomUUID } from 'node:crypto';
import type { CommandResult, SessionEvent } from '@plenum/shared';
import {
  loadSigningKey,
  newSigningKeyPem,
  signCheckpoint,
  type Checkpoint,
  type PublicKeyInfo,
} from '../chain/checkpoint.js';
import type { ChainedEvent } from '../chain/hash.js';
import { commandKey } from '../domain/commandKey.js';
import {
  apiTokenNameKey,
  type ApiTokenRecord,
  type AppendOutcome,
  type AppendRequest,
  type InvitationChange,
  type InvitationRecord,
  type SnapshotHead,
  type StateSnapshot,
  type StoredDigest,
  type Store,
} from '../domain/ports.js';
import { planAppend } from './appendPlan.js';
import { InMemoryWebhookStore } from './InMemoryWebhookStore.js';
import { InMemoryNotificationStore } from './InMemoryNotificationStore.js';
import { settle } from './settle.js';

/** A store in process memory, with the same semantics as the durable ones; for unit tests. */
export class InMemoryStore implements Store {
  readonly kind = 'memory';
  /** No other thread can reach this store: what runs in workers is handed the state itself. */
  readonly address = null;
  private readonly logs = new Map<string, ChainedEvent[]>();
  private readonly signed = new Map<string, Checkpoint[]>();
  private readonly signingKey = loadSigningKey(newSigningKeyPem());
  private readonly commands = new Map<string, { actorId: string; result: CommandResult }>();
  private readonly invitations = new Map<string, InvitationRecord>();
  private readonly settings = new Map<string, string>();
  private readonly snapshots = new Map<string, { head: SnapshotHead; state: string }>();
  private readonly digests = new Map<string, { seq: number; text: string }>();
  private readonly apiTokens = new Map<string, ApiTokenRecord>();
  private readonly epochValue = randomUUID();
  /** Webhook subscriptions and deliveries. */
  readonly webhooks = new InMemoryWebhookStore();
  /** Notifications, the participants' choices and the e-mail outbox. */
  readonly notifications = new InMemoryNotificationStore();

  epoch(): Promise<string> {
    return Promise.resolve(this.epochValue);
  }

  async append(request: AppendRequest): Promise<AppendOutcome> {
    return (await this.appendBatch([request]))[0]!;
  }

  appendBatch(requests: readonly AppendRequest[]): Promise<AppendOutcome[]> {
    return settle(() => {
      const plan = planAppend(requests, {
        head: (sessionId) => this.logs.get(sessionId)?.length ?? 0,
        headHash: (sessionId) => this.logs.get(sessionId)?.at(-1)?.hash ?? null,
        known: (sessionId, commandId) => this.commands.get(commandKey(sessionId, commandId))?.result,
      });
      // Planned in full before anything is written: all or nothing.
      for (const { event, hash } of plan.events) {
        const log = this.logs.get(event.sessionId) ?? [];
        log.push({ event: structuredClone(event), hash });
        this.logs.set(event.sessionId, log);
      }
      for (const claim of plan.checkpoints) {
        this.signed.set(claim.sessionId, [
          ...(this.signed.get(claim.sessionId) ?? []),
          signCheckpoint(this.signingKey, claim),
        ]);
      }
      for (const { sessionId, commandId, actorId, seq } of plan.commands) {
        this.commands.set(commandKey(sessionId, commandId), { actorId, result: { seq } });
      }
      return plan.outcomes;
    });
  }

  findCommand(sessionId: string, commandId: string): Promise<{ actorId: string; result: CommandResult } | null> {
    return Promise.resolve(this.commands.get(commandKey(sessionId, commandId)) ?? null);
  }

  read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]> {
    return Promise.resolve(
      structuredClone((this.logs.get(sessionId) ?? []).slice(afterSeq, afterSeq + limit).map((link) => link.event)),
    );
  }

  readChain(sessionId: string, afterSeq: number, limit: number): Promise<ChainedEvent[]> {
    return Promise.resolve(structuredClone((this.logs.get(sessionId) ?? []).slice(afterSeq, afterSeq + limit)));
  }

  checkpoints(sessionId: string): Promise<Checkpoint[]> {
    return Promise.resolve((this.signed.get(sessionId) ?? []).map((checkpoint) => ({ ...checkpoint })));
  }

  publicKey(): Promise<PublicKeyInfo> {
    return Promise.resolve(this.signingKey.published);
  }

  head(sessionId: string): Promise<number> {
    return Promise.resolve(this.logs.get(sessionId)?.length ?? 0);
  }

  listSessions(): Promise<string[]> {
    return Promise.resolve([...this.logs.keys()]);
  }

  loadSnapshot(sessionId: string): Promise<StateSnapshot | null> {
    const saved = this.snapshots.get(sessionId);
    if (!saved) return Promise.resolve(null);
    const { seq, version } = saved.head;
    return Promise.resolve({ sessionId, seq, version, state: saved.state });
  }

  loadSnapshotHead(sessionId: string): Promise<SnapshotHead | null> {
    const saved = this.snapshots.get(sessionId);
    return Promise.resolve(saved ? { ...saved.head } : null);
  }

  loadSnapshotBytes(head: SnapshotHead): Promise<Uint8Array | null> {
    const saved = this.snapshots.get(head.sessionId);
    const same =
      saved && saved.head.seq === head.seq && saved.head.version === head.version && saved.head.bytes === head.bytes;
    return Promise.resolve(same ? Buffer.from(saved.state, 'utf8') : null);
  }

  saveSnapshot({ state, ...snapshot }: StateSnapshot): Promise<void> {
    this.snapshots.set(snapshot.sessionId, { head: { ...snapshot, bytes: Buffer.byteLength(state, 'utf8') }, state });
    return Promise.resolve();
  }

  saveDigest(sessionId: string, digest: { seq: number; text: string }): Promise<void> {
    this.digests.set(sessionId, { ...digest });
    return Promise.resolve();
  }

  listDigests(): Promise<StoredDigest[]> {
    return Promise.resolve(
      [...this.logs].map(([sessionId, log]) => ({
        sessionId,
        head: log.length,
        digest: this.digests.get(sessionId) ?? null,
      })),
    );
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

  updateInvitations(sessionId: string, participantId: string, change: InvitationChange): Promise<number> {
    const live = [...this.invitations.values()].filter(
      (record) =>
        record.sessionId === sessionId && record.participant.id === participantId && record.revokedAt === null,
    );
    for (const record of live) Object.assign(record, change);
    return Promise.resolve(live.length);
  }

  listInvitations(sessionId: string): Promise<InvitationRecord[]> {
    return Promise.resolve(
      [...this.invitations.values()]
        .filter((record) => record.sessionId === sessionId)
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
        .map((record) => ({ ...record })),
    );
  }

  saveApiToken(record: ApiTokenRecord): Promise<boolean> {
    const key = apiTokenNameKey(record.name);
    const taken = [...this.apiTokens.values()].some(
      (other) =>
        other.organisationId === record.organisationId &&
        other.revokedAt === null &&
        apiTokenNameKey(other.name) === key,
    );
    if (!taken) this.apiTokens.set(record.id, { ...record, scopes: [...record.scopes] });
    return Promise.resolve(!taken);
  }

  findApiToken(tokenHash: string): Promise<ApiTokenRecord | null> {
    const found = [...this.apiTokens.values()].find((record) => record.tokenHash === tokenHash);
    return Promise.resolve(found ? { ...found } : null);
  }

  listApiTokens(organisationId: string): Promise<ApiTokenRecord[]> {
    return Promise.resolve(
      [...this.apiTokens.values()]
        .filter((record) => record.organisationId === organisationId)
        .reverse()
        .map((record) => ({ ...record })),
    );
  }

  revokeApiToken(organisationId: string, id: string, at: string): Promise<boolean> {
    const record = this.apiTokens.get(id);
    if (!record || record.organisationId !== organisationId || record.revokedAt !== null) return Promise.resolve(false);
    record.revokedAt = at;
    return Promise.resolve(true);
  }

  recordApiTokenUse(id: string, at: string): Promise<void> {
    const record = this.apiTokens.get(id);
    if (record) {
      record.useCount++;
      record.lastUsedAt = at;
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
