import { newEvent, type SessionEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { planAppend } from '../storage/appendPlan.js';
import {
  checkpointMessage,
  checkpointVerifies,
  loadSigningKey,
  newSigningKeyPem,
  signCheckpoint,
} from './checkpoint.js';
import { chainEncoding, eventHash, genesisHash, type ChainedEvent } from './hash.js';
import { ChainWalk, verifyLog, type ChainReader } from './verifyLog.js';

const event = (seq: number, payload: Record<string, unknown> = { title: `T${seq}` }): SessionEvent =>
  ({
    seq,
    sessionId: 's1',
    at: '2026-04-13T08:00:00.000Z',
    actorId: 'p-1',
    type: 'session:renamed',
    payload,
  }) as SessionEvent;

/** A log of `count` events with their chain hashes. */
function chainOf(count: number): ChainedEvent[] {
  let previous = genesisHash;
  return Array.from({ length: count }, (_, i) => {
    const e = event(i + 1);
    previous = eventHash(e, previous);
    return { event: e, hash: previous };
  });
}

const reader = (links: ChainedEvent[], head = links.length): ChainReader => ({
  readChain: (_sessionId, afterSeq, limit) =>
    Promise.resolve(links.filter((l) => l.event.seq > afterSeq).slice(0, limit)),
  head: () => Promise.resolve(head),
});

describe('the chain encoding', () => {
  test('is RFC 8785 canonical JSON of the event and its predecessor: key order and extra fields do not count', () => {
    const a = event(1, { title: 'Q1', nested: { b: 2, a: 1 } });
    const b = { ...a, payload: { nested: { a: 1, b: 2 }, title: 'Q1' }, extra: 'ignored' } as unknown as SessionEvent;
    expect(chainEncoding(a, genesisHash)).toBe(chainEncoding(b, genesisHash));
    expect(chainEncoding(a, genesisHash)).toBe(
      `{"event":{"actorId":"p-1","at":"2026-04-13T08:00:00.000Z","payload":{"nested":{"a":1,"b":2},"title":"Q1"},"seq":1,"sessionId":"s1","type":"session:renamed"},"previous":"${genesisHash}"}`,
    );
  });

  test('every field of the event and the previous hash change the hash', () => {
    const base = event(1);
    const hash = eventHash(base, genesisHash);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const changed: SessionEvent[] = [
      { ...base, seq: 2 },
      { ...base, sessionId: 's2' },
      { ...base, at: '2026-04-13T08:00:00.001Z' },
      { ...base, actorId: 'p-2' },
      { ...base, type: 'session:closed' } as SessionEvent,
      event(1, { title: 'T2' }),
    ];
    for (const other of changed) expect(eventHash(other, genesisHash)).not.toBe(hash);
    expect(eventHash(base, 'f'.repeat(64))).not.toBe(hash);
  });

  test('a lone surrogate, which I-JSON has no form for, is hashed as U+FFFD rather than refused', () => {
    expect(eventHash(event(1, { title: 'a\uD800b' }), genesisHash)).toBe(
      eventHash(event(1, { title: 'a\uFFFDb' }), genesisHash),
    );
    expect(eventHash(event(1, { title: '😀' }), genesisHash)).not.toBe(
      eventHash(event(1, { title: '\uFFFD' }), genesisHash),
    );
  });
});

describe('re-walking a log', () => {
  test('an untouched log is intact, with the hash of its head', async () => {
    const links = chainOf(12);
    expect(await verifyLog(reader(links), 's1', { pageSize: 5 })).toEqual({
      sessionId: 's1',
      intact: true,
      head: 12,
      headHash: links[11]!.hash,
    });
  });

  test('an altered event, an altered hash and a missing event are named at their seq', async () => {
    const altered = chainOf(12);
    altered[6] = { ...altered[6]!, event: event(7, { title: 'rewritten' }) };
    expect(await verifyLog(reader(altered), 's1', { pageSize: 5 })).toMatchObject({
      intact: false,
      brokenAt: 7,
      reason: 'altered',
    });

    const rehashed = chainOf(12);
    rehashed[3] = { ...rehashed[3]!, hash: eventHash(event(4, { title: 'other' }), rehashed[2]!.hash) };
    // The altered hash itself does not match its event.
    expect(await verifyLog(reader(rehashed), 's1')).toMatchObject({ intact: false, brokenAt: 4, reason: 'altered' });

    const gap = chainOf(12).filter((l) => l.event.seq !== 9);
    expect(await verifyLog(reader(gap, 12), 's1')).toMatchObject({ intact: false, brokenAt: 9, reason: 'missing' });
    const truncated = chainOf(12).slice(0, 10);
    expect(await verifyLog(reader(truncated, 12), 's1')).toMatchObject({ brokenAt: 11, reason: 'missing' });
  });

  test('a walk stops holding at the first broken link', () => {
    const links = chainOf(3);
    const walk = new ChainWalk();
    expect(walk.next(links[0]!)).toBeNull();
    expect(walk.next({ ...links[1]!, hash: genesisHash })).toEqual({ brokenAt: 2, reason: 'altered' });
    expect(walk.head).toEqual({ seq: 1, hash: links[0]!.hash });
  });
});

describe('the append plan', () => {
  test('chains a batch on the head hash, across requests of one session, and claims a checkpoint at an adjournment', () => {
    const head = chainOf(2);
    const at = '2026-04-13T09:00:00.000Z';
    const plan = planAppend(
      [
        {
          sessionId: 's1',
          commandId: 'c1',
          actorId: 'p-1',
          expectedSeq: 2,
          at,
          events: [newEvent('session:renamed', { title: 'A' }), newEvent('day:adjourned', { dayId: 'd1', at })],
        },
        {
          sessionId: 's1',
          commandId: 'c2',
          actorId: 'p-1',
          expectedSeq: 4,
          at,
          events: [newEvent('session:renamed', { title: 'B' })],
        },
      ],
      { head: () => 2, headHash: () => head[1]!.hash, known: () => undefined },
    );
    let previous = head[1]!.hash;
    for (const planned of plan.events) {
      previous = eventHash(planned.event, previous);
      expect(planned.hash).toBe(previous);
    }
    expect(plan.checkpoints).toEqual([{ sessionId: 's1', seq: 4, headHash: plan.events[1]!.hash, at }]);
  });
});

describe('checkpoints', () => {
  const key = loadSigningKey(newSigningKeyPem());
  const claim = { sessionId: 's1', seq: 42, headHash: 'a'.repeat(64), at: '2026-04-13T17:00:00.000Z' };

  test('verify with the instance’s published key', () => {
    const checkpoint = signCheckpoint(key, claim);
    expect(checkpoint).toMatchObject({ ...claim, keyId: key.published.keyId });
    expect(checkpointVerifies(checkpoint, key.published.publicKey)).toBe(true);
  });

  test('fail on any changed byte of the claim or the signature, and with another key', () => {
    const checkpoint = signCheckpoint(key, claim);
    expect(checkpointVerifies({ ...checkpoint, seq: 43 }, key.published.publicKey)).toBe(false);
    expect(checkpointVerifies({ ...checkpoint, headHash: 'b' + 'a'.repeat(63) }, key.published.publicKey)).toBe(false);
    expect(checkpointVerifies({ ...checkpoint, at: '2026-04-13T17:00:00.001Z' }, key.published.publicKey)).toBe(false);
    const signature = Buffer.from(checkpoint.signature, 'base64');
    signature[10]! ^= 0x01;
    expect(
      checkpointVerifies({ ...checkpoint, signature: signature.toString('base64') }, key.published.publicKey),
    ).toBe(false);
    const other = loadSigningKey(newSigningKeyPem());
    expect(checkpointVerifies(checkpoint, other.published.publicKey)).toBe(false);
    expect(checkpointVerifies({ ...checkpoint, keyId: other.published.keyId }, other.published.publicKey)).toBe(false);
  });

  test('sign a tagged canonical message', () => {
    expect(checkpointMessage(claim).toString('utf8')).toBe(
      `{"at":"2026-04-13T17:00:00.000Z","format":"plenum-checkpoint/1","headHash":"${'a'.repeat(64)}","seq":42,"sessionId":"s1"}`,
    );
  });
});
