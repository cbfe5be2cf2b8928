import type { BucketOptions, MonotonicClock } from './tokenBucket.js';

/** How an address's budgets grow with the participants behind it (an office behind NAT). */
export interface AddressScaling {
  /** Added to the address's base budget for each distinct participant seen from it recently. */
  perParticipant: BucketOptions;
  /** The most participants an address's budget grows for. */
  maxParticipants: number;
  /** How long a participant counts for an address after it was last seen there. */
  windowMs: number;
}

/**
 * The distinct authenticated participants seen recently from each client address, so that a
 * per-address budget can be `base + perParticipant × n` (n capped): twelve officials behind one
 * NAT get twelve participants' worth, while one flooder with many sockets gets one.
 */
export class AddressParticipants {
  private readonly seen = new Map<string, Map<string, number>>();

  constructor(
    private readonly scaling: AddressScaling | false,
    private readonly now: MonotonicClock,
  ) {}

  /** Records `participantKey` at `address`; true when it was not counted there until now. */
  saw(address: string, participantKey: string): boolean {
    if (this.scaling === false) return false;
    let participants = this.seen.get(address);
    if (!participants) {
      participants = new Map();
      this.seen.set(address, participants);
    }
    const isNew = !participants.has(participantKey);
    participants.set(participantKey, this.now());
    return isNew && participants.size <= this.scaling.maxParticipants;
  }

  /**
   * Distinct participants seen from `address` (within the window, as of the last sweep), at
   * most `maxParticipants`. O(1): it is read on every message.
   */
  count(address: string): number {
    if (this.scaling === false) return 0;
    return Math.min(this.seen.get(address)?.size ?? 0, this.scaling.maxParticipants);
  }

  /** `base` grown by `perParticipant` (by default the scaling's) for each participant seen from `address`. */
  budget(base: BucketOptions, address: string, perParticipant?: BucketOptions): BucketOptions {
    if (this.scaling === false) return base;
    const n = this.count(address);
    perParticipant ??= this.scaling.perParticipant;
    return {
      capacity: base.capacity + n * perParticipant.capacity,
      refillPerSecond: base.refillPerSecond + n * perParticipant.refillPerSecond,
    };
  }

  /** Forgets participants not seen within the window, and addresses left with none. */
  sweep(): void {
    if (this.scaling === false) return;
    const since = this.now() - this.scaling.windowMs;
    for (const [address, participants] of this.seen) {
      for (const [key, last] of participants) if (last < since) participants.delete(key);
      if (participants.size === 0) this.seen.delete(address);
    }
  }
}
