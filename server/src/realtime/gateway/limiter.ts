import { fail } from '@plenum/shared';
import { DomainError } from '../../domain/errors.js';
import type { Logger } from '../../lib/logger.js';
import { AddressParticipants } from '../addressBudget.js';
import type { Protections } from '../protections.js';
import { KeyedBuckets, TokenBucket, type MonotonicClock } from '../tokenBucket.js';
import type { GatewayServer, GatewaySocket } from '../types.js';
import { participantKey } from './participantKey.js';

/** A place among a participant's commands in flight and one commit of its rate (P12). */
export interface CommitReservation {
  /** The command is decided: its place is free again. */
  release(): void;
  /** It appended nothing: its commit is given back. */
  refund(): void;
}

/** An admitted catch-up page; `served` charges the events it served once it is answered (P12). */
export interface ReadReservation {
  served(events: number): void;
}

export interface LimiterOptions {
  protections: Protections;
  monotonic: MonotonicClock;
  logger: Logger;
  /** The client's address, which the rate limits are kept by. */
  addressOf(socket: GatewaySocket): string;
  /** Tells the other processes of a cooldown, so the invitation is kept out of every one. */
  onCooldown?: (invitationHash: string, ms: number) => void;
}

/** The keyed budgets every process of a cluster keeps alike (the per-socket ones stay with their socket). */
const sharedFamilies = ['handshakes', 'messagesByAddress', 'reads', 'readsByAddress', 'commits'] as const;
type SharedFamily = (typeof sharedFamilies)[number];

/** What one process took from its keyed budgets since it last told the others, per family and key. */
export type LimiterSpending = Partial<Record<SharedFamily, [key: string, cost: number][]>>;

/** How often a process of a cluster tells the others what it took from the shared budgets. */
const spendingShareMs = 250;

/** How many of something each key has running now (commands, pages). */
class Running {
  private readonly counts = new Map<string, number>();

  count(key: string): number {
    return this.counts.get(key) ?? 0;
  }

  start(key: string): void {
    this.counts.set(key, this.count(key) + 1);
  }

  end(key: string): void {
    const left = this.count(key) - 1;
    if (left > 0) this.counts.set(key, left);
    else this.counts.delete(key);
  }
}

/**
 * Every budget of the gateway (P12), with the strikes that cut a flooding socket and the
 * cooldowns that keep its invitation out for a while. Four families: handshakes per address;
 * messages per socket and per address; catch-up reads per participant and per address, with
 * pages in flight; commits per participant, with commands in flight. The per-address budgets
 * grow with the participants seen behind the address (an office behind NAT).
 */
export class Limiter {
  private readonly protections: Protections;
  private readonly handshakes: KeyedBuckets | null;
  private readonly addressParticipants: AddressParticipants;
  private readonly messagesByAddress: KeyedBuckets | null;
  private readonly reads: KeyedBuckets | null;
  private readonly readsByAddress: KeyedBuckets | null;
  private readonly pagesInFlight = new Running();
  private readonly commits: KeyedBuckets | null;
  private readonly commandsInFlight = new Running();
  /** Each socket's strikes; a socket whose strikes run out is cut as a flooder. */
  private readonly strikes = new WeakMap<GatewaySocket, TokenBucket>();
  /** Invitation hash → when it may connect again, after being cut for flooding. */
  private readonly cooldowns = new Map<string, number>();

  constructor(private readonly options: LimiterOptions) {
    const { protections, monotonic } = options;
    this.protections = protections;
    this.handshakes = protections.handshakes ? new KeyedBuckets(protections.handshakes, monotonic) : null;
    this.addressParticipants = new AddressParticipants(protections.addressScaling, monotonic);
    const { messages, reads, commits } = protections;
    this.messagesByAddress = messages
      ? new KeyedBuckets((address) => this.addressParticipants.budget(messages.perAddress, address), monotonic)
      : null;
    this.reads = reads ? new KeyedBuckets(reads.perParticipant, monotonic) : null;
    this.readsByAddress = reads
      ? new KeyedBuckets(
          (address) => this.addressParticipants.budget(reads.perAddress, address, reads.perParticipant),
          monotonic,
        )
      : null;
    this.commits = commits ? new KeyedBuckets(commits.rate, monotonic) : null;
  }

  /**
   * Keeps ledgers of what is taken from the keyed budgets, so that a cluster's processes keep
   * one budget between them: each tells the others its `spending()`, and `absorb`s theirs.
   */
  shareBudgets(): void {
    for (const family of sharedFamilies) this[family]?.share();
  }

  /** What was taken from the shared budgets since the last call; null when nothing was. */
  spending(): LimiterSpending | null {
    const spending: LimiterSpending = {};
    let any = false;
    for (const family of sharedFamilies) {
      const entries = this[family]?.drain() ?? [];
      if (entries.length === 0) continue;
      spending[family] = entries;
      any = true;
    }
    return any ? spending : null;
  }

  /** Takes from the budgets here what another process of the cluster took from its own. */
  absorb(spending: LimiterSpending): void {
    for (const family of sharedFamilies) {
      const buckets = this[family];
      if (!buckets) continue;
      for (const [key, cost] of spending[family] ?? []) {
        if (typeof key === 'string' && Number.isFinite(cost)) buckets.absorb(key, cost);
      }
    }
  }

  /** False when the address has used up its handshakes. */
  admitHandshake(address: string): boolean {
    return this.handshakes?.take(address) ?? true;
  }

  /** True while an invitation cut for flooding may not connect again. */
  isCoolingDown(invitationHash: string): boolean {
    const until = this.cooldowns.get(invitationHash);
    return until !== undefined && until > this.options.monotonic();
  }

  /** Keeps an invitation out for `ms`: one cut for flooding on another process. */
  coolDown(invitationHash: string, ms: number): void {
    const until = this.options.monotonic() + Math.min(ms, this.protections.abuseCooldownMs);
    if (until > (this.cooldowns.get(invitationHash) ?? 0)) this.cooldowns.set(invitationHash, until);
  }

  /**
   * Gives a connected socket its strikes and its message budget: a message over the socket's or
   * the address's budget is answered `RATE_LIMITED` (if it wants an answer) and dropped.
   */
  watch(socket: GatewaySocket): void {
    const { protections, monotonic } = this.options;
    if (protections.strikes) this.strikes.set(socket, new TokenBucket(protections.strikes, monotonic));
    const messages = protections.messages;
    const byAddress = this.messagesByAddress;
    if (!messages || !byAddress) return;
    const address = this.options.addressOf(socket);
    const key = participantKey(socket.data.sessionId, socket.data.participant.id);
    const own = new TokenBucket(messages.perSocket, monotonic);
    socket.use((packet, next) => {
      this.seenAt(address, key);
      if (own.take() && byAddress.take(address)) {
        next();
        return;
      }
      const ack: unknown = packet.at(-1);
      if (typeof ack === 'function') {
        (ack as (answer: unknown) => void)(
          fail('RATE_LIMITED', 'Too many messages: slow down, then retry with the same command id.'),
        );
      }
      this.strike(socket);
    });
  }

  /**
   * Reserves a place among the participant's commands in flight and one commit of its rate.
   * Throws `RATE_LIMITED` (and counts a strike) when either is used up.
   */
  reserveCommit(socket: GatewaySocket): CommitReservation {
    const limits = this.protections.commits;
    const commits = this.commits;
    if (!limits || !commits) return { release: () => undefined, refund: () => undefined };
    const key = participantKey(socket.data.sessionId, socket.data.participant.id);
    if (this.commandsInFlight.count(key) >= limits.inFlight || !commits.take(key)) {
      this.strike(socket);
      throw new DomainError(
        'RATE_LIMITED',
        'Too many commands: wait for the answers, then retry with the same command id.',
      );
    }
    this.commandsInFlight.start(key);
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.commandsInFlight.end(key);
      },
      refund: () => commits.refund(key),
    };
  }

  /**
   * Admits a page if the participant's and the address's read budgets are not used up and the
   * participant has fewer pages in flight than allowed. Throws `RATE_LIMITED` (and counts a
   * strike) otherwise.
   */
  reserveRead(socket: GatewaySocket): ReadReservation {
    const limits = this.protections.reads;
    const { reads, readsByAddress } = this;
    if (!limits || !reads || !readsByAddress) return { served: () => undefined };
    const key = participantKey(socket.data.sessionId, socket.data.participant.id);
    const address = this.options.addressOf(socket);
    // A page costs the events it serves, known once it is read: it may start while the
    // budgets hold one event, and what it serves beyond is owed (the budgets go below zero).
    if (this.pagesInFlight.count(key) >= limits.inFlight || !reads.take(key)) return this.refuseRead(socket);
    if (!readsByAddress.take(address)) {
      reads.refund(key);
      return this.refuseRead(socket);
    }
    this.pagesInFlight.start(key);
    return {
      served: (events) => {
        reads.spend(key, events - 1);
        readsByAddress.spend(address, events - 1);
        this.pagesInFlight.end(key);
      },
    };
  }

  /** Forgets full buckets and past cooldowns, so that the maps hold only recent clients. */
  sweep(): void {
    this.handshakes?.sweep();
    this.addressParticipants.sweep();
    this.messagesByAddress?.sweep();
    this.reads?.sweep();
    this.readsByAddress?.sweep();
    this.commits?.sweep();
    const now = this.options.monotonic();
    for (const [hash, until] of this.cooldowns) if (until <= now) this.cooldowns.delete(hash);
  }

  /** Counts the socket's participant at its address; one not counted there yet brings its full share. */
  private seenAt(address: string, key: string): void {
    const scaling = this.protections.addressScaling;
    if (!this.addressParticipants.saw(address, key) || scaling === false) return;
    this.messagesByAddress?.refund(address, scaling.perParticipant.capacity);
    const reads = this.protections.reads;
    if (reads) this.readsByAddress?.refund(address, reads.perParticipant.capacity);
  }

  /** One refusal for flooding; past the socket's strikes it is disconnected and cooled down. */
  private strike(socket: GatewaySocket): void {
    const strikes = this.strikes.get(socket);
    if (!strikes || strikes.take() || !socket.connected) return;
    const { sessionId, participant, invitationHash } = socket.data;
    this.cooldowns.set(invitationHash, this.options.monotonic() + this.protections.abuseCooldownMs);
    this.options.onCooldown?.(invitationHash, this.protections.abuseCooldownMs);
    this.options.logger.warn(
      { sessionId, participantId: participant.id, address: this.options.addressOf(socket) },
      'flooding socket disconnected',
    );
    socket.disconnect(true);
  }

  private refuseRead(socket: GatewaySocket): never {
    this.strike(socket);
    throw new DomainError(
      'RATE_LIMITED',
      'Too many events asked for: wait a second, then ask for the page again (or for a smaller one).',
    );
  }
}

/**
 * The gateway's limiter. With several processes (`isClustered`), a cooldown reaches every
 * process through the adapter's server-side messages, so a flooding invitation cut on one
 * cannot connect to another meanwhile; and every few hundred milliseconds each process tells
 * the others what it took from the keyed budgets (handshakes, messages and reads per address,
 * reads and commits per participant), so a participant with sockets on three processes has one
 * budget, not three. Monotonic clocks differ between processes: the others are told durations
 * and amounts, not instants. `stop` ends the sharing.
 */
export function createLimiter(
  io: GatewayServer,
  options: Omit<LimiterOptions, 'onCooldown'> & { isClustered: boolean },
): { limiter: Limiter; stop: () => void } {
  const { isClustered, ...limiterOptions } = options;
  if (!isClustered) return { limiter: new Limiter(limiterOptions), stop: () => undefined };
  const limiter = new Limiter({
    ...limiterOptions,
    onCooldown: (invitationHash, ms) => io.serverSideEmit('limiter:cooldown', invitationHash, ms),
  });
  io.on('limiter:cooldown', (invitationHash, ms) => limiter.coolDown(invitationHash, ms));
  limiter.shareBudgets();
  io.on('limiter:spent', (spending) => limiter.absorb(spending));
  const share = setInterval(() => {
    const spending = limiter.spending();
    if (spending !== null) io.serverSideEmit('limiter:spent', spending);
  }, spendingShareMs);
  share.unref();
  return { limiter, stop: () => clearInterval(share) };
}
