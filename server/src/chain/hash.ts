import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { SessionEvent } from '@plenum/shared';

/** The link before a log's first event. */
export const genesisHash = '0'.repeat(64);

/** A logged event with the chain hash the store keeps beside it. */
export interface ChainedEvent {
  event: SessionEvent;
  /** SHA-256 (hex) of the event's canonical encoding and its predecessor's hash. */
  hash: string;
}

/** Events at which the store signs a checkpoint of the log's head: a day's adjournment and the close. */
export const checkpointEventTypes: ReadonlySet<string> = new Set(['day:adjourned', 'session:closed']);

const loneSurrogate = /\p{Cs}/gu;

/**
 * The bytes a link hashes: RFC 8785 (JCS) canonical JSON of `{ event, previous }`, where `event`
 * holds exactly the envelope (seq, sessionId, at, actorId) and the type and payload, so the
 * encoding does not depend on key order, whitespace or how a store keeps the payload. I-JSON has
 * no lone surrogates: one in a string counts as U+FFFD (the only case two events share an encoding).
 */
export function chainEncoding(event: SessionEvent, previous: string): string {
  const { seq, sessionId, at, actorId, type, payload } = event;
  const link = { previous, event: { seq, sessionId, at, actorId, type, payload } };
  try {
    return canonicalize(link)!;
  } catch {
    const wellFormed: unknown = JSON.parse(JSON.stringify(link), (_key, value: unknown) =>
      typeof value === 'string' ? value.replace(loneSurrogate, '\uFFFD') : value,
    );
    return canonicalize(wellFormed)!;
  }
}

/** The chain hash of `event` after `previous` (the predecessor's hash, or {@link genesisHash}). */
export function eventHash(event: SessionEvent, previous: string): string {
  return createHash('sha256').update(chainEncoding(event, previous)).digest('hex');
}
