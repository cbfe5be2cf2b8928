import type { NotificationStoreHolder } from '../notifications/ports.js';
import type {
  ApiScope,
  CommandResult,
  NewEvent,
  Participant,
  SessionEvent,
  WebhookAttempt,
  WebhookDeliveryStatus,
  WebhookEventType,
} from '@plenum/shared';
import type { Checkpoint, PublicKeyInfo } from '../chain/checkpoint.js';
import type { ChainedEvent } from '../chain/hash.js';

/** Where the time comes from; injected so tests can fix it. */
export interface Clock {
  now(): Date;
}

/** Work deferred by time, injected so that domain code does not read the real timers. */
export interface Timers {
  /** Runs `task` after `ms` unless the returned function is called first; never keeps the process alive. */
  after(ms: number, task: () => void): () => void;
  /** Runs `task` in the next turn of the event loop, once the I/O already read has been handled. */
  nextTurn(task: () => void): void;
}

/** Resolves in the next turn of the event loop (`Timers.nextTurn`), once the I/O already read has been handled. */
export function laterTurn(timers: Timers): Promise<void> {
  return new Promise((next) => timers.nextTurn(next));
}

/** Where new entity ids come from. */
export interface IdGenerator {
  next(): string;
  /** The same id for the same parts, every time and in every process: for what must exist once. */
  derive(...parts: string[]): string;
}

/** What the domain asks the store to append: all the events of one command, atomically. */
export interface AppendRequest {
  sessionId: string;
  /** Null for events the server originates itself (seeding, invitations). */
  commandId: string | null;
  actorId: string;
  /** The head the decision was based on; the store refuses the append if the log moved on. */
  expectedSeq: number;
  at: string;
  events: readonly NewEvent[];
}

/** The events of a request as the log numbers them once it is appended on top of `expectedSeq`. */
export function loggedEvents(request: AppendRequest): SessionEvent[] {
  return request.events.map((event, i): SessionEvent => ({
    ...event,
    seq: request.expectedSeq + i + 1,
    sessionId: request.sessionId,
    at: request.at,
    actorId: request.actorId,
  }));
}

/** What an append did. */
export type AppendOutcome =
  /** The events were committed with `seq` expectedSeq+1 … result.seq. */
  | { kind: 'appended'; result: CommandResult; events: SessionEvent[] }
  /** The command id was known: nothing was appended; this is the first answer (P2). */
  | { kind: 'duplicate'; result: CommandResult };

/** How a thread opens a durable store on its own connection: the SQLite file, or the PostgreSQL database and schema. */
export type StoreAddress = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema: string };

/** Thrown by {@link EventStore.appendBatch} when a log's head is not the request's `expectedSeq`. */
export class ConcurrencyError extends Error {
  constructor(
    readonly sessionId: string,
    readonly expectedSeq: number,
    readonly actualSeq: number,
  ) {
    super(`session ${sessionId}: expected head ${expectedSeq}, found ${actualSeq}`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * The append-only log of every session. Implementations assign `seq` inside their own
 * transaction (P1), store the command id with the events (P2), and never update or delete.
 */
export interface EventStore {
  /** Which backend this is, for health and logs. */
  readonly kind: string;
  /** Where another thread of this process opens the same store; null: it cannot (a store in memory). */
  readonly address: StoreAddress | null;
  /** Identity of this log; changes when a store is restored from an older backup (P6). */
  epoch(): Promise<string>;
  /** One request in its own transaction; the same as a batch of one. */
  append(request: AppendRequest): Promise<AppendOutcome>;
  /**
   * Appends the requests in order in ONE transaction (group commit: one fsync for all): each
   * request's `expectedSeq` is checked against the head its predecessors left, so requests of
   * one session chain. Either every request is applied (a known command id as a duplicate,
   * appending nothing) or, on any error such as {@link ConcurrencyError}, none is.
   */
  appendBatch(requests: readonly AppendRequest[]): Promise<AppendOutcome[]>;
  /** The stored answer to a command already appended, or null. */
  findCommand(sessionId: string, commandId: string): Promise<{ actorId: string; result: CommandResult } | null>;
  /** Events with `afterSeq < seq`, ascending, at most `limit`. */
  read(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]>;
  /** The last `seq` of a session; 0 when it has no events. */
  head(sessionId: string): Promise<number>;
  /** Ids of every session with at least one event, oldest first. */
  listSessions(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * How a snapshot is saved: `alone` when no commit can wait on it meanwhile (a graceful stop holds
 * the command lane), so a store with one write lock need not leave it free between its writes.
 */
export interface SnapshotSaving {
  alone: boolean;
}

/** A session's folded state saved at `seq`, so a start folds only the log after it. */
export interface StateSnapshot {
  sessionId: string;
  seq: number;
  /** The state format it was written in (`stateVersion`); any other is ignored on load. */
  version: number;
  /** The state as JSON text. */
  state: string;
}

/** What a snapshot is without its state: enough to decide whether to read the state. */
export interface SnapshotHead extends Omit<StateSnapshot, 'state'> {
  /** The state's length in UTF-8 bytes. */
  bytes: number;
}

/**
 * The latest snapshot of each session's state: a cache, never the record. The log stays the
 * truth; a snapshot that does not fit it is ignored and may be dropped at any time. A reader
 * only ever sees a whole snapshot, the one before a save or the one it saved.
 */
export interface SnapshotStore {
  /** The latest snapshot saved for the session, or null. */
  loadSnapshot(sessionId: string): Promise<StateSnapshot | null>;
  /** The latest snapshot's head, without reading its state; or null. */
  loadSnapshotHead(sessionId: string): Promise<SnapshotHead | null>;
  /**
   * The state of the snapshot `head` describes, as its UTF-8 bytes, while it is still the
   * session's latest; null once another has replaced it.
   */
  loadSnapshotBytes(head: SnapshotHead): Promise<Uint8Array | null>;
  /** Keeps `snapshot` as the session's only one, replacing any earlier. */
  saveSnapshot(snapshot: StateSnapshot, saving?: SnapshotSaving): Promise<void>;
  /**
   * Part `index` (from 0) of the UTF-8 bytes of the state the snapshot `head` describes, for a
   * reader that may stop after the state's first line; null past the last part, or once another
   * snapshot has replaced this one. Only a store that keeps a state in parts offers it.
   */
  loadSnapshotPart?(head: SnapshotHead, index: number): Promise<Uint8Array | null>;
}

/** What a store holds of a session's digest: the text saved at `seq`, beside the log's head now. */
export interface StoredDigest {
  sessionId: string;
  /** The log's head; the digest describes the session only when its `seq` is this. */
  head: number;
  /** Null: none saved yet. */
  digest: { seq: number; text: string } | null;
}

/**
 * A short description of each session saved beside its log ({@link SessionDigest}), so that
 * what looks across every session (the sessions list, the due dates) reads it instead of
 * loading every session's state. A cache like the snapshot: one that is not at the log's head is
 * not used.
 */
export interface DigestStore {
  /** Keeps the digest as the session's only one, replacing any earlier. */
  saveDigest(sessionId: string, digest: { seq: number; text: string }): Promise<void>;
  /** Every session with at least one event, oldest first, with its head and saved digest. */
  listDigests(): Promise<StoredDigest[]>;
}

/**
 * Saves snapshots away from the event loop: the state at `seq` is made, serialised and written
 * where the snapshot is written, from the log and the snapshot before it.
 */
export interface SnapshotWriter {
  /** Resolves once the session's snapshot at `seq`, a seq the log has committed, is written. */
  write(sessionId: string, seq: number, saving?: SnapshotSaving): Promise<void>;
}

/** A stored invitation: who a token makes its bearer. The token itself is never stored. */
export interface InvitationRecord {
  tokenHash: string;
  sessionId: string;
  participant: Participant;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** Where the invitation may be sent (kept here, never in the log); absent: none. */
  email?: string | null;
}

/** What changes on a participant's live invitations: who they make the bearer, the e-mail, the expiry. */
export interface InvitationChange {
  participant?: Participant;
  email?: string | null;
  expiresAt?: string | null;
}

/** Invitations by token hash. */
export interface InvitationStore {
  saveInvitation(record: InvitationRecord): Promise<void>;
  findInvitation(tokenHash: string): Promise<InvitationRecord | null>;
  /** Revokes every live invitation of a participant; returns how many. */
  revokeInvitations(sessionId: string, participantId: string, at: string): Promise<number>;
  /**
   * Applies `change` to every live (not revoked) invitation of a participant, so that the next
   * request of its bearer carries the new role, unit or expiry; returns how many.
   */
  updateInvitations(sessionId: string, participantId: string, change: InvitationChange): Promise<number>;
  /** Every invitation of a session (revoked ones too), oldest first. */
  listInvitations(sessionId: string): Promise<InvitationRecord[]>;
}

/** Small key-value settings kept with the data (e.g. which session is the demo). */
export interface SettingsStore {
  getSetting(key: string): Promise<string | null>;
  setSetting(key: string, value: string): Promise<void>;
}

/**
 * The log's tamper evidence: each event's chain hash, written in the append's transaction, and
 * the checkpoints signed with the instance's key at each day's adjournment and at the close.
 */
export interface ChainStore {
  /** Events with `afterSeq < seq` and their chain hashes, ascending, at most `limit`. */
  readChain(sessionId: string, afterSeq: number, limit: number): Promise<ChainedEvent[]>;
  /** The session's signed checkpoints, oldest first. */
  checkpoints(sessionId: string): Promise<Checkpoint[]>;
  /** The instance's checkpoint key, as published. */
  publicKey(): Promise<PublicKeyInfo>;
}

/** Everything the server keeps durably. */
export type Store = EventStore &
  ChainStore &
  SnapshotStore &
  DigestStore &
  InvitationStore &
  SettingsStore &
  ApiTokenStore &
  WebhookStoreHolder &
  NotificationStoreHolder;

// ---- Webhooks: subscriptions, the persisted delivery queue and its attempts ----

/** A webhook subscription as stored, with the secret it signs with (kept to sign, shown once). */
export interface WebhookSubscriptionRecord {
  id: string;
  organisationId: string;
  url: string;
  eventTypes: WebhookEventType[];
  active: boolean;
  createdAt: string;
  /** `whsec_<base64 key>`. */
  secret: string;
}

/** A delivery to enqueue: its id is stable, so enqueuing it twice adds it once. */
export interface NewWebhookDelivery {
  id: string;
  subscriptionId: string;
  eventType: WebhookEventType;
  createdAt: string;
  /** The exact JSON text that is signed and sent. */
  body: string;
  nextAttemptAt: string;
  attemptsLeft: number;
}

/** A delivery as stored, with every attempt made so far, oldest first. */
export interface WebhookDeliveryRecord extends Omit<NewWebhookDelivery, 'nextAttemptAt'> {
  status: WebhookDeliveryStatus;
  nextAttemptAt: string | null;
  attempts: WebhookAttempt[];
}

/** What an attempt leaves the delivery with. */
export interface WebhookDeliveryUpdate {
  status: WebhookDeliveryStatus;
  nextAttemptAt: string | null;
  attemptsLeft: number;
}

/** What the enqueue records as done in the same transaction as the deliveries it adds. */
export type WebhookProgress =
  /** Every event of the session's log up to `seq` was turned into deliveries. */
  | { kind: 'cursor'; sessionId: string; seq: number }
  /** The directive's overdue notice was enqueued; it is never enqueued again. */
  | { kind: 'overdue'; sessionId: string; directiveId: string; at: string };

/**
 * Webhook subscriptions and the delivery queue. The queue lives here, not in memory, so a
 * restart resumes every pending delivery; a delivery is claimed with a lease before it is sent,
 * so a crash while sending makes it due again once the lease runs out (at least once).
 */
export interface WebhookStore {
  saveWebhook(record: WebhookSubscriptionRecord): Promise<void>;
  findWebhook(id: string): Promise<WebhookSubscriptionRecord | null>;
  /** Every subscription, oldest first. */
  listWebhooks(): Promise<WebhookSubscriptionRecord[]>;
  /** Removes the subscription with its deliveries; false when there was none. */
  deleteWebhook(id: string): Promise<boolean>;
  /** Adds the deliveries whose id is new and records `progress`, in one transaction; returns how many were added. */
  enqueueWebhookDeliveries(deliveries: readonly NewWebhookDelivery[], progress: WebhookProgress): Promise<number>;
  /** The last `seq` of the session's log already turned into deliveries; 0 when none. */
  webhookCursor(sessionId: string): Promise<number>;
  /** The directives of the session whose overdue notice was already enqueued. */
  overdueNotices(sessionId: string): Promise<Set<string>>;
  /**
   * Claims up to `limit` pending deliveries due at `now` (oldest due first) by moving their next
   * attempt to `leaseUntil`, in one transaction, so no other sender takes them meanwhile.
   */
  claimWebhookDeliveries(now: string, leaseUntil: string, limit: number): Promise<WebhookDeliveryRecord[]>;
  /**
   * Appends an attempt (numbered after the last) and applies `update`, unless the delivery was
   * claimed again (or redelivered) since the claim that leased it until `claimedUntil`: a sender
   * that stalled past its lease leaves its attempt in the history but not its verdict.
   */
  recordWebhookAttempt(
    deliveryId: string,
    claimedUntil: string,
    attempt: Omit<WebhookAttempt, 'attempt'>,
    update: WebhookDeliveryUpdate,
  ): Promise<void>;
  /** The subscription's latest deliveries, newest first, at most `limit`. */
  listWebhookDeliveries(subscriptionId: string, limit: number): Promise<WebhookDeliveryRecord[]>;
  findWebhookDelivery(id: string): Promise<WebhookDeliveryRecord | null>;
  /** Makes the delivery pending again, due at `at`, with one attempt; false when there is none. */
  redeliverWebhook(deliveryId: string, at: string): Promise<boolean>;
  /** When the earliest pending delivery is due, or null when none is pending. */
  nextWebhookAttemptAt(): Promise<string | null>;
}

/** A store's webhook part, kept apart from the log so its tables and code stay in their own files. */
export interface WebhookStoreHolder {
  readonly webhooks: WebhookStore;
}

/** A stored API token: what it may do and how it has been used. The token itself is never stored. */
export interface ApiTokenRecord {
  id: string;
  organisationId: string;
  name: string;
  scopes: ApiScope[];
  tokenHash: string;
  createdAt: string;
  /** The administrator who created it. */
  createdBy: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
  useCount: number;
}

/**
 * What a token's name is unique by among the organisation's tokens not revoked: the list and
 * the delivery log tell tokens apart by name, and a name differing in letter case alone does not.
 */
export function apiTokenNameKey(name: string): string {
  return name.toLowerCase();
}

/** API tokens by id and by token hash. */
export interface ApiTokenStore {
  /**
   * Saves a new token; false, saving nothing, when another token of its organisation not revoked
   * has the same {@link apiTokenNameKey}. The store decides this in the insert itself, so two
   * saves at the same instant never both take a name.
   */
  saveApiToken(record: ApiTokenRecord): Promise<boolean>;
  findApiToken(tokenHash: string): Promise<ApiTokenRecord | null>;
  /** Every token of the organisation (revoked ones too), newest first. */
  listApiTokens(organisationId: string): Promise<ApiTokenRecord[]>;
  /** Revokes a live token; false when there is none of that id in the organisation. */
  revokeApiToken(organisationId: string, id: string, at: string): Promise<boolean>;
  /** Counts one use and keeps its time. */
  recordApiTokenUse(id: string, at: string): Promise<void>;
}
