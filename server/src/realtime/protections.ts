import type { AddressScaling } from './addressBudget.js';
import type { BucketOptions } from './tokenBucket.js';

/**
 * The gateway's protections and abuse limits. Each can be switched off (`false`); only fault
 * tests do that, for their negative controls. Production runs with {@link defaultProtections}.
 */
export interface Protections {
  /** Refuse browsers from origins other than the server's own and ALLOWED_ORIGINS (P14). */
  checkOrigin: boolean;
  /**
   * Disconnect every open socket of a participant whose invitation is revoked, expires or
   * changes role or unit (P8).
   */
  disconnectOnAuthorityChange: boolean;
  /**
   * Messages a client may send (every channel, known or not): a bucket per socket and one per
   * client address shared by all its sockets. A refused request is answered `RATE_LIMITED` (P12).
   */
  messages: { perSocket: BucketOptions; perAddress: BucketOptions } | false;
  /**
   * The per-address budgets grow by `perParticipant` for each distinct authenticated
   * participant seen from the address recently (up to `maxParticipants`), so that an office
   * behind one NAT is not taken for one flooder; `false`: the base budget alone (P12).
   */
  addressScaling: AddressScaling | false;
  /**
   * Commands per participant: at most `inFlight` at once (a client that waits for its answers
   * never has more than one), and a `rate` of commands that append, reserved before the command
   * runs and given back if it appends nothing (a refusal or a repeat costs nothing). Commands
   * of a session are decided in arrival order, so with `inFlight` bounded a flooder delays
   * anyone else's command by at most that many commits (P12).
   */
  commits: { inFlight: number; rate: BucketOptions } | false;
  /**
   * Events served by catch-up pages (`session:join`), counted by cost: a bucket of events per
   * participant and one per address (grown by `perParticipant` for each participant behind the
   * address, as with `addressScaling`). A page may start while the budgets are not used up and
   * is charged the events it served (a budget may go below zero, and then refuses until it has
   * refilled); a participant has at most `inFlight` pages being read and sent at once (a
   * client pages one after the other), so that a burst of pages is served one by one between
   * everyone else's messages. Over any of these a page is answered `RATE_LIMITED` (a strike) (P12).
   */
  reads: { perParticipant: BucketOptions; perAddress: BucketOptions; inFlight: number } | false;
  /**
   * Refusals a socket may collect before it is disconnected as a flooder: each `RATE_LIMITED`
   * takes one (P12).
   */
  strikes: BucketOptions | false;
  /** Handshakes per client address; more are refused with `RATE_LIMITED`. */
  handshakes: BucketOptions | false;
  /** Open sockets per participant on this process; one more is refused with `RATE_LIMITED`. */
  socketsPerParticipant: number | false;
  /** After a socket is cut for flooding, its invitation may not connect again for this long. */
  abuseCooldownMs: number;
  /**
   * Bytes waiting to be written to one socket (a slow consumer); past this, the socket is cut
   * so that server memory stays bounded (P13).
   */
  outboundBytes: number | false;
  /** A request deeper than this, or with more values than this, is answered `TOO_LARGE` unparsed (P11). */
  requestShape: { maxDepth: number; maxValues: number } | false;
  /** REST requests per client address and window (express-rate-limit). */
  http: { windowMs: number; limit: number } | false;
}

export const defaultProtections: Protections = {
  checkOrigin: true,
  disconnectOnAuthorityChange: true,
  // Generous for reads: a client catching up asks for page after page.
  messages: {
    perSocket: { capacity: 200, refillPerSecond: 100 },
    // Many participants may share one address (an office behind NAT): see addressScaling.
    perAddress: { capacity: 1000, refillPerSecond: 500 },
  },
  // Each participant behind an address adds a socket's worth, for up to 100 participants.
  addressScaling: { perParticipant: { capacity: 200, refillPerSecond: 100 }, maxParticipants: 100, windowMs: 600_000 },
  // Scripted clients (and the chair running a whole day) send one command after another.
  commits: { inFlight: 8, rate: { capacity: 300, refillPerSecond: 10 } },
  // A client 10,000 events behind catches up at once; a flood of pages gets 2 full pages a second.
  reads: {
    perParticipant: { capacity: 10_000, refillPerSecond: 1_000 },
    perAddress: { capacity: 20_000, refillPerSecond: 2_000 },
    inFlight: 2,
  },
  strikes: { capacity: 50, refillPerSecond: 5 },
  // Everyone behind one address reconnecting at once after a restart must get through.
  handshakes: { capacity: 200, refillPerSecond: 20 },
  socketsPerParticipant: 5,
  abuseCooldownMs: 10_000,
  outboundBytes: 8 * 1024 * 1024,
  requestShape: { maxDepth: 16, maxValues: 4096 },
  http: { windowMs: 60_000, limit: 300 },
};

/** The defaults with the given protections replaced (`false` switches one off). */
export function resolveProtections(overrides: Partial<Protections> = {}): Protections {
  return { ...defaultProtections, ...overrides };
}

/**
 * Whether a decoded message is within `limits` of depth and number of values, checked
 * iteratively (no recursion, stops at the first excess). Valid messages are at most six
 * levels deep and hold a few hundred values, far inside the limits; a message that is not is
 * refused before the schema spends any time on it.
 */
export function isWithinShape(value: unknown, limits: { maxDepth: number; maxValues: number }): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 1 }];
  let values = 0;
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (++values > limits.maxValues) return false;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= limits.maxDepth) return false;
    const children = Array.isArray(current) ? current : Object.values(current);
    for (const child of children as unknown[]) stack.push({ value: child, depth: depth + 1 });
  }
  return true;
}
