import {
  checkpointVerifies,
  ConcurrencyError,
  eventHash,
  genesisHash,
  snapshotPartBytes,
  verifyLog,
  type AppendRequest,
  type InvitationRecord,
  type Store,
} from '@plenum/server';
import { newEvent, type NewEvent } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { eventFixtures } from '../fixtures/events.js';

/** Opens a fresh, empty store for one test; the suite closes it. */
export type StoreFactory = () => Promise<Store>;

const at = '2026-04-13T08:00:00.000Z';

/** A few distinct events to append. */
function sampleEvents(count: number, prefix = 'c'): NewEvent[] {
  return Array.from({ length: count }, (_, i) =>
    newEvent('criticism:endorsed', { criticismId: `${prefix}-${i + 1}`, participantId: 'p-1' }),
  );
}

function request(overrides: Partial<AppendRequest> & Pick<AppendRequest, 'sessionId' | 'expectedSeq'>): AppendRequest {
  return { commandId: null, actorId: 'p-1', at, events: sampleEvents(1), ...overrides };
}

function invitation(overrides: Partial<InvitationRecord> = {}): InvitationRecord {
  return {
    tokenHash: 'hash-chair',
    sessionId: 's1',
    participant: { id: 'p-chair', name: 'Chair', role: 'chair', unitId: null },
    createdAt: at,
    expiresAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/**
 * One behaviour suite for every `Store` adapter (tldraw's storageContractSuite): the rules of
 * `server/src/domain/ports.ts` and shared/PROTOCOL.md, run against a fresh store per test.
 */
export function eventStoreContract(name: string, open: StoreFactory, { inParts = false } = {}): void {
  describe(`${name} store contract`, () => {
    const withStore = (title: string, body: (store: Store) => Promise<void>): void => {
      test(title, async ({ onTestFinished }) => {
        const store = await open();
        onTestFinished(() => store.close());
        await body(store);
      });
    };

    withStore('P1: append assigns dense seq from 1, continuing across appends', async (store) => {
      const first = await store.append(request({ sessionId: 's1', expectedSeq: 0, events: sampleEvents(3) }));
      expect(first.kind).toBe('appended');
      expect(first.result).toEqual({ seq: 3 });
      if (first.kind === 'appended') expect(first.events.map((e) => e.seq)).toEqual([1, 2, 3]);
      const second = await store.append(request({ sessionId: 's1', expectedSeq: 3, events: sampleEvents(2, 'd') }));
      expect(second.result).toEqual({ seq: 5 });
      expect((await store.read('s1', 0, 100)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await store.head('s1')).toBe(5);
    });

    withStore('P1: each session has its own seq from 1', async (store) => {
      await store.append(request({ sessionId: 's1', expectedSeq: 0, events: sampleEvents(4) }));
      const other = await store.append(request({ sessionId: 's2', expectedSeq: 0, events: sampleEvents(2) }));
      expect(other.result).toEqual({ seq: 2 });
      expect((await store.read('s2', 0, 100)).map((e) => e.seq)).toEqual([1, 2]);
      expect(await store.head('s1')).toBe(4);
      expect(await store.head('s2')).toBe(2);
    });

    withStore('appended events carry the envelope and read back exactly as returned', async (store) => {
      const events = Object.values(eventFixtures).map(({ type, payload }) => ({ type, payload }) as NewEvent);
      const outcome = await store.append(
        request({ sessionId: 's1', expectedSeq: 0, commandId: 'cmd-00000001', actorId: 'p-9', events }),
      );
      if (outcome.kind !== 'appended') throw new Error('expected an append');
      outcome.events.forEach((event, i) => {
        expect(event).toEqual({ ...events[i], seq: i + 1, sessionId: 's1', at, actorId: 'p-9' });
      });
      expect(await store.read('s1', 0, 100)).toEqual(outcome.events);
    });

    withStore('P1: an expectedSeq that is not the head throws ConcurrencyError and appends nothing', async (store) => {
      await store.append(request({ sessionId: 's1', expectedSeq: 0, events: sampleEvents(2) }));
      for (const expectedSeq of [0, 1, 3]) {
        const attempt = store.append(request({ sessionId: 's1', expectedSeq, commandId: `cmd-stale-${expectedSeq}` }));
        await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(attempt).rejects.toMatchObject({ sessionId: 's1', expectedSeq, actualSeq: 2 });
        // A refused append does not consume its command id either.
        expect(await store.findCommand('s1', `cmd-stale-${expectedSeq}`)).toBeNull();
      }
      await expect(store.append(request({ sessionId: 'new', expectedSeq: 1 }))).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      expect(await store.head('s1')).toBe(2);
      expect(await store.read('s1', 0, 100)).toHaveLength(2);
      expect(await store.head('new')).toBe(0);
      expect(await store.listSessions()).toEqual(['s1']);
    });

    withStore('an append with no events is refused and appends nothing', async (store) => {
      await expect(store.append(request({ sessionId: 's1', expectedSeq: 0, events: [] }))).rejects.toThrow();
      expect(await store.head('s1')).toBe(0);
      expect(await store.listSessions()).toEqual([]);
    });

    withStore('P2: a known commandId returns the first result and appends nothing', async (store) => {
      const first = await store.append(
        request({ sessionId: 's1', expectedSeq: 0, commandId: 'cmd-00000001', events: sampleEvents(2) }),
      );
      expect(first).toMatchObject({ kind: 'appended', result: { seq: 2 } });
      await store.append(request({ sessionId: 's1', expectedSeq: 2, commandId: 'cmd-00000002' }));
      // The retry is decided on an older head and carries other events: still the first answer.
      const repeat = await store.append(
        request({ sessionId: 's1', expectedSeq: 0, commandId: 'cmd-00000001', events: sampleEvents(5, 'z') }),
      );
      expect(repeat).toEqual({ kind: 'duplicate', result: { seq: 2 } });
      expect(await store.head('s1')).toBe(3);
      expect(await store.findCommand('s1', 'cmd-00000001')).toEqual({ actorId: 'p-1', result: { seq: 2 } });
      expect(await store.findCommand('s1', 'cmd-00000002')).toEqual({ actorId: 'p-1', result: { seq: 3 } });
      expect(await store.findCommand('s1', 'cmd-unknown')).toBeNull();
    });

    withStore('P2: command ids are per session, and null command ids are never deduplicated', async (store) => {
      await store.append(request({ sessionId: 's1', expectedSeq: 0, commandId: 'cmd-00000001' }));
      const elsewhere = await store.append(request({ sessionId: 's2', expectedSeq: 0, commandId: 'cmd-00000001' }));
      expect(elsewhere).toMatchObject({ kind: 'appended', result: { seq: 1 } });
      expect(await store.findCommand('s2', 'cmd-00000001')).toEqual({ actorId: 'p-1', result: { seq: 1 } });
      await store.append(request({ sessionId: 's1', expectedSeq: 1, commandId: null }));
      const again = await store.append(request({ sessionId: 's1', expectedSeq: 2, commandId: null }));
      expect(again).toMatchObject({ kind: 'appended', result: { seq: 3 } });
    });

    withStore('P4: read pages with afterSeq and limit, ascending', async (store) => {
      await store.append(request({ sessionId: 's1', expectedSeq: 0, events: sampleEvents(7) }));
      const seqs = async (afterSeq: number, limit: number) =>
        (await store.read('s1', afterSeq, limit)).map((e) => e.seq);
      expect(await seqs(0, 3)).toEqual([1, 2, 3]);
      expect(await seqs(3, 3)).toEqual([4, 5, 6]);
      expect(await seqs(6, 3)).toEqual([7]);
      expect(await seqs(7, 3)).toEqual([]);
      expect(await seqs(100, 3)).toEqual([]);
      expect(await seqs(2, 1)).toEqual([3]);
      expect(await store.read('nobody', 0, 10)).toEqual([]);
    });

    withStore('head is 0 for an unknown session', async (store) => {
      expect(await store.head('nobody')).toBe(0);
    });

    withStore('listSessions lists every session with events, oldest first', async (store) => {
      expect(await store.listSessions()).toEqual([]);
      await store.append(request({ sessionId: 'b', expectedSeq: 0 }));
      await store.append(request({ sessionId: 'a', expectedSeq: 0 }));
      await store.append(request({ sessionId: 'b', expectedSeq: 1 }));
      await store.append(request({ sessionId: 'c', expectedSeq: 0, at: '2026-04-13T09:00:00.000Z' }));
      expect(await store.listSessions()).toEqual(['b', 'a', 'c']);
    });

    withStore(
      'payloads survive exactly: any Unicode text, nulls, nested arrays, large and fractional figures',
      async (store) => {
        const text =
          'Quotes " \' and \\ backslash, tab\t, newline\n, NUL \u0000, emoji 🏭, RTL مصنع, CJK 钢铁厂, combining é.';
        const report = eventFixtures['report:submitted'].payload;
        const events: NewEvent[] = [
          newEvent('session:renamed', { title: text.slice(0, 200) }),
          newEvent('report:submitted', { ...report, note: text }),
          newEvent('report:submitted', {
            ...report,
            indicators: report.indicators.map((i) => ({ ...i, planned: 1e15, reported: -0.000123456789 })),
          }),
        ];
        const outcome = await store.append(request({ sessionId: 's1', expectedSeq: 0, events }));
        expect(outcome.kind).toBe('appended');
        const read = await store.read('s1', 0, 10);
        expect(read.map(({ type, payload }) => ({ type, payload }))).toEqual(events);
      },
    );

    withStore('events read back are values: changing them does not change the log', async (store) => {
      await store.append(
        request({ sessionId: 's1', expectedSeq: 0, events: [newEvent('session:renamed', { title: 'Original' })] }),
      );
      const [read] = await store.read('s1', 0, 1);
      if (read?.type !== 'session:renamed') throw new Error('expected the renamed event');
      read.payload.title = 'Tampered';
      const [again] = await store.read('s1', 0, 1);
      expect(again?.payload).toEqual({ title: 'Original' });
    });

    withStore('P6: epoch is a non-empty string, stable across calls', async (store) => {
      const epoch = await store.epoch();
      expect(epoch).toMatch(/\S/);
      expect(await store.epoch()).toBe(epoch);
    });

    withStore('P1: appendBatch chains requests of one session and keeps sessions apart', async (store) => {
      const outcomes = await store.appendBatch([
        request({ sessionId: 's1', expectedSeq: 0, commandId: 'cmd-00000001', events: sampleEvents(2) }),
        request({ sessionId: 's2', expectedSeq: 0, commandId: 'cmd-00000001' }),
        request({ sessionId: 's1', expectedSeq: 2, commandId: 'cmd-00000002', events: sampleEvents(3, 'd') }),
      ]);
      expect(outcomes.map((o) => [o.kind, o.result.seq])).toEqual([
        ['appended', 2],
        ['appended', 1],
        ['appended', 5],
      ]);
      expect((await store.read('s1', 0, 100)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(await store.head('s2')).toBe(1);
      expect(await store.findCommand('s1', 'cmd-00000002')).toEqual({ actorId: 'p-1', result: { seq: 5 } });
      expect(await store.listSessions()).toEqual(['s1', 's2']);
    });

    withStore(
      'P1/P3: appendBatch is one transaction: a stale request anywhere appends nothing of the batch',
      async (store) => {
        await store.append(request({ sessionId: 's1', expectedSeq: 0 }));
        const batch = store.appendBatch([
          request({ sessionId: 's2', expectedSeq: 0, commandId: 'cmd-00000001' }),
          request({ sessionId: 's1', expectedSeq: 1, commandId: 'cmd-00000002' }),
          request({ sessionId: 's1', expectedSeq: 1, commandId: 'cmd-00000003' }),
        ]);
        await expect(batch).rejects.toMatchObject({ sessionId: 's1', expectedSeq: 1, actualSeq: 2 });
        await expect(batch).rejects.toBeInstanceOf(ConcurrencyError);
        expect(await store.head('s1')).toBe(1);
        expect(await store.head('s2')).toBe(0);
        expect(await store.findCommand('s2', 'cmd-00000001')).toBeNull();
        expect(await store.findCommand('s1', 'cmd-00000002')).toBeNull();
        expect(await store.listSessions()).toEqual(['s1']);
      },
    );

    withStore(
      'P2: appendBatch answers a known command id, also one earlier in the same batch, as a duplicate',
      async (store) => {
        await store.append(request({ sessionId: 's1', expectedSeq: 0, commandId: 'cmd-00000001' }));
        const outcomes = await store.appendBatch([
          request({ sessionId: 's1', expectedSeq: 1, commandId: 'cmd-00000001' }),
          request({ sessionId: 's1', expectedSeq: 1, commandId: 'cmd-00000002', events: sampleEvents(2) }),
          request({ sessionId: 's1', expectedSeq: 3, commandId: 'cmd-00000002' }),
        ]);
        expect(outcomes).toEqual([
          { kind: 'duplicate', result: { seq: 1 } },
          expect.objectContaining({ kind: 'appended', result: { seq: 3 } }),
          { kind: 'duplicate', result: { seq: 3 } },
        ]);
        expect(await store.head('s1')).toBe(3);
      },
    );

    withStore('snapshots: none at first; the latest saved replaces the one before, per session', async (store) => {
      expect(await store.loadSnapshot('s1')).toBeNull();
      const first = { sessionId: 's1', seq: 5, version: 1, state: '{"lastSeq":5}' };
      await store.saveSnapshot(first);
      expect(await store.loadSnapshot('s1')).toEqual(first);
      const text = 'NUL \u0000, emoji 🏭, CJK 钢铁厂';
      const second = { sessionId: 's1', seq: 9, version: 2, state: JSON.stringify({ lastSeq: 9, text }) };
      await store.saveSnapshot(second);
      await store.saveSnapshot({ sessionId: 's2', seq: 1, version: 1, state: '{}' });
      expect(await store.loadSnapshot('s1')).toEqual(second);
      expect((await store.loadSnapshot('s2'))?.seq).toBe(1);
    });

    withStore(
      'digests: every session with events, oldest first, with its head and the digest saved last (none at first)',
      async (store) => {
        expect(await store.listDigests()).toEqual([]);
        await store.append(request({ sessionId: 's2', expectedSeq: 0, events: sampleEvents(2) }));
        await store.append(request({ sessionId: 's1', expectedSeq: 0 }));
        expect(await store.listDigests()).toEqual([
          { sessionId: 's2', head: 2, digest: null },
          { sessionId: 's1', head: 1, digest: null },
        ]);
        await store.saveDigest('s2', { seq: 1, text: '{"dueBy":null}' });
        const text = JSON.stringify({ title: 'NUL \u0000, emoji 🏭, CJK 钢铁厂' });
        await store.saveDigest('s2', { seq: 2, text });
        await store.append(request({ sessionId: 's2', expectedSeq: 2 }));
        expect(await store.listDigests()).toEqual([
          { sessionId: 's2', head: 3, digest: { seq: 2, text } },
          { sessionId: 's1', head: 1, digest: null },
        ]);
      },
    );

    withStore(
      'snapshots: the head gives the UTF-8 length without the state; its bytes are read while it is the latest',
      async (store) => {
        expect(await store.loadSnapshotHead('s1')).toBeNull();
        const state = JSON.stringify({ lastSeq: 5, text: 'emoji 🏭, CJK 钢铁厂' });
        await store.saveSnapshot({ sessionId: 's1', seq: 5, version: 1, state });
        const head = await store.loadSnapshotHead('s1');
        expect(head).toEqual({ sessionId: 's1', seq: 5, version: 1, bytes: Buffer.byteLength(state, 'utf8') });
        expect(Buffer.from((await store.loadSnapshotBytes(head!))!).toString('utf8')).toBe(state);
        await store.saveSnapshot({ sessionId: 's1', seq: 6, version: 1, state: '{"lastSeq":6}' });
        expect(await store.loadSnapshotBytes(head!)).toBeNull();
        expect(await store.loadSnapshotHead('s1')).toEqual({ sessionId: 's1', seq: 6, version: 1, bytes: 13 });
      },
    );

    if (inParts)
      withStore(
        'snapshots in parts: read part by part while the latest, cut anywhere in a character; none past the last or once replaced',
        async (store) => {
          const loadPart = store.loadSnapshotPart?.bind(store);
          expect(loadPart).toBeTypeOf('function');
          // Characters of two, three and four UTF-8 bytes all along, so that part boundaries fall inside them.
          const lines = Array.from({ length: 2 }, (_, line) =>
            JSON.stringify(Array.from({ length: 16_000 }, (_, i) => `é钢🏭 ${line}.${i}`)),
          );
          const state = lines.join('\n');
          await store.saveSnapshot({ sessionId: 's1', seq: 5, version: 1, state });
          const head = (await store.loadSnapshotHead('s1'))!;
          expect(head.bytes).toBe(Buffer.byteLength(state, 'utf8'));
          expect(head.bytes).toBeGreaterThan(2 * snapshotPartBytes);
          const parts: Uint8Array[] = [];
          for (let part = await loadPart!(head, 0); part !== null; part = await loadPart!(head, parts.length))
            parts.push(part);
          expect(parts.length).toBe(Math.ceil(head.bytes / snapshotPartBytes));
          expect(Buffer.concat(parts).toString('utf8')).toBe(state);
          expect(Buffer.from((await store.loadSnapshotBytes(head))!).toString('utf8')).toBe(state);

          await store.saveSnapshot({ sessionId: 's1', seq: 6, version: 1, state: '{"lastSeq":6}' });
          expect(await loadPart!(head, 0)).toBeNull();
          expect((await store.loadSnapshot('s1'))?.state).toBe('{"lastSeq":6}');
        },
      );

    withStore('invitations: save, find by token hash, unknown is null', async (store) => {
      const record = invitation();
      await store.saveInvitation(record);
      expect(await store.findInvitation('hash-chair')).toEqual(record);
      expect(await store.findInvitation('hash-nobody')).toBeNull();
      const presenter = invitation({
        tokenHash: 'hash-presenter',
        participant: { id: 'p-presenter', name: 'Presenter', role: 'presenter', unitId: 'u-1' },
        expiresAt: '2026-05-01T00:00:00.000Z',
      });
      await store.saveInvitation(presenter);
      expect(await store.findInvitation('hash-presenter')).toEqual(presenter);
    });

    withStore(
      'invitations: revoke marks every live invitation of that participant in that session only',
      async (store) => {
        await store.saveInvitation(invitation({ tokenHash: 'h1' }));
        await store.saveInvitation(invitation({ tokenHash: 'h2' }));
        await store.saveInvitation(invitation({ tokenHash: 'h3', revokedAt: '2026-04-01T00:00:00.000Z' }));
        await store.saveInvitation(
          invitation({
            tokenHash: 'h4',
            participant: { id: 'p-other', name: 'Other', role: 'official', unitId: null },
          }),
        );
        await store.saveInvitation(invitation({ tokenHash: 'h5', sessionId: 's2' }));
        const revokedAt = '2026-04-13T10:00:00.000Z';
        expect(await store.revokeInvitations('s1', 'p-chair', revokedAt)).toBe(2);
        expect((await store.findInvitation('h1'))?.revokedAt).toBe(revokedAt);
        expect((await store.findInvitation('h2'))?.revokedAt).toBe(revokedAt);
        expect((await store.findInvitation('h3'))?.revokedAt).toBe('2026-04-01T00:00:00.000Z');
        expect((await store.findInvitation('h4'))?.revokedAt).toBeNull();
        expect((await store.findInvitation('h5'))?.revokedAt).toBeNull();
        expect(await store.revokeInvitations('s1', 'p-chair', revokedAt)).toBe(0);
      },
    );

    withStore(
      'invitations: an update changes the live invitations of that participant only, a null is kept as null',
      async (store) => {
        await store.saveInvitation(invitation({ tokenHash: 'h1', email: 'chair@example.org' }));
        await store.saveInvitation(invitation({ tokenHash: 'h2', revokedAt: '2026-04-01T00:00:00.000Z' }));
        await store.saveInvitation(invitation({ tokenHash: 'h3', sessionId: 's2' }));
        const official = { id: 'p-chair', name: 'Now an official', role: 'official' as const, unitId: null };
        const expiresAt = '2026-05-01T00:00:00.000Z';
        expect(await store.updateInvitations('s1', 'p-chair', { participant: official, expiresAt })).toBe(1);
        expect(await store.findInvitation('h1')).toEqual(
          invitation({ tokenHash: 'h1', participant: official, expiresAt, email: 'chair@example.org' }),
        );
        expect((await store.findInvitation('h2'))?.participant.role).toBe('chair');
        expect((await store.findInvitation('h3'))?.participant.role).toBe('chair');
        expect(await store.updateInvitations('s1', 'p-chair', { email: null, expiresAt: null })).toBe(1);
        const cleared = await store.findInvitation('h1');
        expect({
          email: cleared?.email ?? null,
          expiresAt: cleared?.expiresAt,
          participant: cleared?.participant,
        }).toEqual({ email: null, expiresAt: null, participant: official });
        expect(await store.updateInvitations('s1', 'p-nobody', { email: null })).toBe(0);
      },
    );

    withStore('invitations: a session’s list holds its revoked ones too, oldest first', async (store) => {
      await store.saveInvitation(invitation({ tokenHash: 'h1', createdAt: '2026-04-02T00:00:00.000Z' }));
      await store.saveInvitation(
        invitation({ tokenHash: 'h2', createdAt: '2026-04-01T00:00:00.000Z', revokedAt: '2026-04-03T00:00:00.000Z' }),
      );
      await store.saveInvitation(invitation({ tokenHash: 'h3', sessionId: 's2' }));
      expect((await store.listInvitations('s1')).map((r) => r.tokenHash)).toEqual(['h2', 'h1']);
      expect(await store.listInvitations('s3')).toEqual([]);
    });

    withStore(
      'chain: each event carries the hash of its predecessor, across appends and batches and per session',
      async (store) => {
        await store.append(request({ sessionId: 's1', expectedSeq: 0, events: sampleEvents(3) }));
        await store.appendBatch([
          request({ sessionId: 's1', expectedSeq: 3, events: sampleEvents(2, 'd') }),
          request({ sessionId: 's2', expectedSeq: 0 }),
          request({ sessionId: 's1', expectedSeq: 5 }),
        ]);
        const links = await store.readChain('s1', 0, 100);
        expect(links.map((l) => l.event)).toEqual(await store.read('s1', 0, 100));
        let previous = genesisHash;
        for (const link of links) {
          previous = eventHash(link.event, previous);
          expect(link.hash).toBe(previous);
        }
        expect(await verifyLog(store, 's1')).toEqual({ sessionId: 's1', intact: true, head: 6, headHash: previous });
        expect(await verifyLog(store, 's2')).toMatchObject({ intact: true, head: 1 });
        expect((await store.readChain('s1', 4, 1)).map((l) => l.event.seq)).toEqual([5]);
      },
    );

    withStore(
      'checkpoints: a day’s adjournment and the close are signed with the published key, in the append',
      async (store) => {
        const adjourned = newEvent('day:adjourned', { dayId: 'd1', at });
        await store.append(request({ sessionId: 's1', expectedSeq: 0, events: [...sampleEvents(2), adjourned] }));
        await store.append(request({ sessionId: 's1', expectedSeq: 3, events: [newEvent('session:closed', { at })] }));
        const checkpoints = await store.checkpoints('s1');
        const links = await store.readChain('s1', 0, 100);
        expect(checkpoints.map((c) => [c.seq, c.headHash, c.at])).toEqual([
          [3, links[2]!.hash, at],
          [4, links[3]!.hash, at],
        ]);
        const key = await store.publicKey();
        expect(key.algorithm).toBe('Ed25519');
        for (const checkpoint of checkpoints) expect(checkpointVerifies(checkpoint, key.publicKey)).toBe(true);
        expect(await store.checkpoints('s2')).toEqual([]);
      },
    );

    withStore('settings: unknown is null, set, overwrite', async (store) => {
      expect(await store.getSetting('demo.sessionId')).toBeNull();
      await store.setSetting('demo.sessionId', 'abc');
      expect(await store.getSetting('demo.sessionId')).toBe('abc');
      await store.setSetting('demo.sessionId', 'def');
      expect(await store.getSetting('demo.sessionId')).toBe('def');
    });
  });
}
