import type { PresenceChanged } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { Presence, type PresenceShare } from './presence.js';

const sessionId = 'session-1';
const heartbeatMs = 1000;

/** Processes whose presence shares reach each other at once, as the adapter's server-side messages do. */
function cluster(names: readonly string[], options: { isSharing: boolean }) {
  let now = 0;
  const told = new Map<string, PresenceChanged[]>();
  const nodes = new Map<string, Presence>();
  for (const name of names) {
    told.set(name, []);
    nodes.set(
      name,
      new Presence({
        intervalMs: 0,
        processId: name,
        now: () => now,
        publish: (change) => told.get(name)!.push(change),
        share: options.isSharing
          ? (share: PresenceShare) => {
              for (const [other, node] of nodes) if (other !== name) node.receive(share);
            }
          : undefined,
      }),
    );
  }
  return {
    node: (name: string) => nodes.get(name)!,
    /** What `name`'s sockets would show online, from the deltas they were sent. */
    online: (name: string) => {
      const shown = new Set<string>();
      for (const change of told.get(name)!) {
        for (const id of change.left) shown.delete(id);
        for (const entry of change.joined) shown.add(entry.participantId);
      }
      return [...shown].sort();
    },
    told: (name: string) => told.get(name)!,
    advance: (ms: number) => (now += ms),
  };
}

describe('presence across processes', () => {
  test('a participant connected only to process C is shown by process A, in its deltas and its join answers', () => {
    const c = cluster(['a', 'b', 'c'], { isSharing: true });
    c.node('a').attach(sessionId, 'chair-socket', 'chair', true);
    c.node('c').attach(sessionId, 'x-socket', 'x', true);
    expect(c.online('a')).toEqual(['chair', 'x']);
    expect(
      c
        .node('a')
        .announced(sessionId)
        .map((p) => p.participantId),
    ).toEqual(['chair', 'x']);
  });

  test('a participant with sockets on A and B stays online when one of them closes, and leaves with the last', () => {
    const c = cluster(['a', 'b'], { isSharing: true });
    c.node('a').attach(sessionId, 'y-on-a', 'y', true);
    c.node('b').attach(sessionId, 'y-on-b', 'y', true);
    c.node('b').detach(sessionId, 'y-on-b');
    expect(c.online('a')).toEqual(['y']);
    expect(c.online('b')).toEqual(['y']);
    expect([...c.told('a'), ...c.told('b')].flatMap((change) => change.left)).toEqual([]);
    c.node('a').detach(sessionId, 'y-on-a');
    expect(c.online('a')).toEqual([]);
    expect(c.online('b')).toEqual([]);
  });

  test('negative control: without sharing, B announces the participant gone while its socket on A is open', () => {
    const c = cluster(['a', 'b'], { isSharing: false });
    c.node('a').attach(sessionId, 'y-on-a', 'y', true);
    c.node('b').attach(sessionId, 'y-on-b', 'y', true);
    c.node('b').detach(sessionId, 'y-on-b');
    expect(c.told('b').flatMap((change) => change.left)).toEqual(['y']);
  });

  test('typing on any process shows as typing everywhere', () => {
    const c = cluster(['a', 'b'], { isSharing: true });
    c.node('a').attach(sessionId, 'y-on-a', 'y', true);
    c.node('b').attach(sessionId, 'y-on-b', 'y', true);
    c.node('b').setTyping(sessionId, 'y-on-b', true);
    expect(c.node('a').announced(sessionId)).toEqual([{ participantId: 'y', isTyping: true }]);
  });

  test('the list of a process that stops sharing (killed, or cut off from Redis) expires after three heartbeats', () => {
    const c = cluster(['a', 'b'], { isSharing: true });
    c.node('a').attach(sessionId, 'chair-socket', 'chair', true);
    c.node('b').attach(sessionId, 'x-socket', 'x', true);
    expect(c.online('a')).toEqual(['chair', 'x']);
    c.advance(Presence.expiryBeats * heartbeatMs - 1);
    c.node('a').refresh(heartbeatMs);
    expect(c.online('a')).toEqual(['chair', 'x']);
    c.advance(2);
    c.node('a').refresh(heartbeatMs);
    expect(c.online('a')).toEqual(['chair']);
  });

  test('a heartbeat shares each process list again, so one that missed a share (or started since) learns it', () => {
    const late = new Presence({ intervalMs: 0, processId: 'late', publish: () => undefined });
    late.attach(sessionId, 'chair-socket', 'chair', true);
    expect(late.announced(sessionId).map((p) => p.participantId)).toEqual(['chair']);
    const shares: PresenceShare[] = [];
    const b = new Presence({ intervalMs: 0, processId: 'b', publish: () => undefined, share: (s) => shares.push(s) });
    b.attach(sessionId, 'x-socket', 'x', true);
    shares.length = 0;
    b.refresh(heartbeatMs);
    for (const share of shares) late.receive(share);
    expect(late.announced(sessionId).map((p) => p.participantId)).toEqual(['chair', 'x']);
  });
});
