import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createApp, createLogger, SqliteStore, type App, type Store } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import {
  addDays,
  defaultThresholds,
  newEvent,
  type NewEvent,
  type OrganisationUnit,
  type SessionEvent,
} from '@plenum/shared';
import { describe, expect, onTestFinished, test } from 'vitest';
import { deferred } from '../helpers/deferred.js';
import { tempDir } from '../helpers/tempDir.js';

/** The follow-up's day, a week from today on the real clock: a follow-up is refused a day in the past. */
const followUpDay = addDays(new Date().toISOString().slice(0, 10), 7);

/*
 * The relay of an explanation from a level's follow-up into the higher review's record is two
 * appends on two logs. A process that dies between them must, after a restart, finish the relay
 * without appending anything twice: on SQLite and on PostgreSQL.
 */

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';

const unit = (id: string, kind: OrganisationUnit['kind'], parentId: string | null): OrganisationUnit => ({
  id,
  name: `Unit ${id}`,
  kind,
  parentId,
  ownership: 'state',
  sector: 'Industry',
  class: null,
  region: 'North',
});

const units = [
  unit('centre', 'centre', null),
  unit('province', 'province', 'centre'),
  unit('county', 'county', 'province'),
  unit('mine', 'enterprise', 'county'),
];

/** The centre's closed Q1 review, which ordered the mine to explain its failure. */
async function closedCentreReview(app: App, upperId: string): Promise<void> {
  await app.commands.appendSystem(upperId, 'system', () => [
    newEvent('session:created', {
      title: 'Centre Q1 review',
      period: '2026-Q1',
      organisation: 'Central Committee',
      days: [{ id: 'd1', date: '2026-04-13', title: 'Day 1' }],
      thresholds: defaultThresholds,
      conferenceLink: null,
      createdAt: '2026-04-01T09:00:00.000Z',
      organiserUnitId: 'centre',
      previousSessionId: null,
    }),
    ...units.map((u) => newEvent('unit:added', { unit: u })),
    newEvent('directive:issued', {
      directiveId: 'explain-mine',
      kind: 'explain-failure',
      assigneeUnitId: 'mine',
      title: 'Explain the shortfall',
      text: null,
      dueDate: '2026-06-30',
      fromCriticismId: null,
      orderedByUnitId: 'centre',
      itemId: null,
    }),
    newEvent('session:closed', { at: '2026-04-13T17:00:00.000Z' }),
  ]);
}

/** A store kind: how to open it, then open it again on the same data as a restarted process would. */
interface StoreKind {
  name: string;
  open: () => Promise<{ open: () => Promise<Store>; dispose: () => Promise<void> }>;
}

const kinds: StoreKind[] = [
  {
    name: 'SQLite',
    open: async () => {
      const file = join(await tempDir('plenum-relay-'), 'plenum.sqlite');
      return { open: () => Promise.resolve(new SqliteStore(file)), dispose: () => Promise.resolve() };
    },
  },
  {
    name: 'PostgreSQL',
    open: () => {
      const schema = `relay_${randomBytes(6).toString('hex')}`;
      return Promise.resolve({
        open: () => PostgresStore.open(databaseUrl, { schema }),
        dispose: () => PostgresStore.dropSchema(databaseUrl, schema),
      });
    },
  },
];

/** The store, except that from the first append recording a relay's delivery on, such appends fail, as in a process that died. */
function dyingBeforeDelivery(store: Store) {
  const died = deferred<void>();
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'appendBatch') {
        return (requests: Parameters<Store['appendBatch']>[0]) => {
          if (requests.some((r) => r.events.some((e) => e.type === 'directive:relay-delivered'))) {
            died.resolve();
            return Promise.reject(new Error('the process died'));
          }
          return target.appendBatch(requests);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: proxy, died: died.promise };
}

const appOn = (store: Store): App =>
  createApp({ store, logger: createLogger({ level: process.env.PLENUM_TEST_LOG ?? 'silent' }) });

async function logOf(store: Store, sessionId: string): Promise<SessionEvent[]> {
  return store.read(sessionId, 0, 10_000);
}

describe.each(kinds)('the relay up the line on $name', (kind) => {
  test('a relay cut short between its two appends is finished after a restart, appending nothing twice', async () => {
    const data = await kind.open();
    onTestFinished(data.dispose);
    const first = dyingBeforeDelivery(await data.open());
    const app = appOn(first.store);
    const upperId = `centre-${randomBytes(4).toString('hex')}`;

    await closedCentreReview(app, upperId);
    const { sessionId: lowerId } = await app.cascade.convene(upperId, {
      unitId: 'province',
      title: 'Province follow-up',
      days: [{ id: 'p1', date: followUpDay, title: 'Day 1' }],
      thresholds: { ...defaultThresholds, warningBelow: 0.8 },
      conferenceLink: null,
      chairName: 'Province chair',
      chairEmail: null,
    });

    // In the follow-up the mine explains, the county and the province add their remarks.
    const explained: NewEvent[] = [
      newEvent('directive:answered', { directiveId: 'explain-mine', text: 'The pit flooded.' }),
      newEvent('directive:forwarded', {
        directiveId: 'explain-mine',
        fromUnitId: 'county',
        toUnitId: 'province',
        remarks: 'County: pumps ordered.',
      }),
      newEvent('directive:forwarded', {
        directiveId: 'explain-mine',
        fromUnitId: 'province',
        toUnitId: 'centre',
        remarks: 'Province: confirmed.',
      }),
    ];
    await app.commands.appendSystem(lowerId, 'system', () => explained);
    await first.died;
    await app.close();
    await first.store.close();

    // Cut short: the centre's record has the relay, the follow-up has not recorded its delivery.
    const relayedAt = (events: SessionEvent[]) => events.filter((e) => e.type === 'directive:relayed');
    const deliveredIn = (events: SessionEvent[]) => events.filter((e) => e.type === 'directive:relay-delivered');
    const reopened = await data.open();
    onTestFinished(() => reopened.close());
    expect(relayedAt(await logOf(reopened, upperId))).toHaveLength(1);
    expect(deliveredIn(await logOf(reopened, lowerId))).toEqual([]);

    // The restarted process finishes it: the centre's relay is answered again, not appended again.
    const restarted = appOn(reopened);
    onTestFinished(() => restarted.close());
    const finished = await restarted.cascade.relay(lowerId);
    expect(finished.map((r) => [r.directiveId, r.toSessionId, r.sentUpSteps])).toEqual([['explain-mine', upperId, 3]]);
    const upper = await logOf(reopened, upperId);
    const [relayed] = relayedAt(upper);
    expect(relayedAt(upper)).toHaveLength(1);
    expect(relayed!.payload).toMatchObject({
      fromSessionId: lowerId,
      holderUnitId: 'centre',
      steps: [
        { action: 'answered', text: 'The pit flooded.', fromSessionId: lowerId },
        { action: 'forwarded', unitId: 'county', text: 'County: pumps ordered.', fromSessionId: lowerId },
        { action: 'forwarded', unitId: 'province', text: 'Province: confirmed.', fromSessionId: lowerId },
      ],
    });
    expect(deliveredIn(await logOf(reopened, lowerId)).map((e) => e.payload)).toEqual([
      { directiveId: 'explain-mine', toSessionId: upperId, seq: relayed!.seq, sentUpSteps: 3 },
    ]);

    // Once more: nothing left to relay, and neither log grows.
    const heads = [await reopened.head(upperId), await reopened.head(lowerId)];
    expect(await restarted.cascade.relay(lowerId)).toEqual([]);
    expect([await reopened.head(upperId), await reopened.head(lowerId)]).toEqual(heads);
    expect((await restarted.commands.state(upperId)).directives['explain-mine']).toMatchObject({
      status: 'answered',
      holderUnitId: 'centre',
    });
  });
});

test('on SQLite: an explanation relayed into a closed review reaches its next period’s review too, which carried the directive over', async () => {
  const data = await kinds[0]!.open();
  const store = await data.open();
  onTestFinished(() => store.close());
  const app = appOn(store);
  onTestFinished(() => app.close());
  await closedCentreReview(app, 'centre-q1');
  const q2 = await app.sessions.convene({
    definition: {
      title: 'Centre Q2 review',
      period: '2026-Q2',
      organisation: 'Central Committee',
      days: [{ id: 'd1', date: '2026-07-13', title: 'Day 1' }],
      thresholds: defaultThresholds,
      conferenceLink: null,
      organiserUnitId: 'centre',
      previousSessionId: 'centre-q1',
    },
    units: [],
    chairName: 'Centre chair',
  });
  const { sessionId: lowerId } = await app.cascade.convene('centre-q1', {
    unitId: 'province',
    title: 'Province follow-up',
    days: [{ id: 'p1', date: followUpDay, title: 'Day 1' }],
    thresholds: defaultThresholds,
    conferenceLink: null,
    chairName: 'Province chair',
    chairEmail: null,
  });
  await app.commands.appendSystem(lowerId, 'system', () => [
    newEvent('directive:answered', { directiveId: 'explain-mine', text: 'The pit flooded.' }),
    newEvent('directive:forwarded', {
      directiveId: 'explain-mine',
      fromUnitId: 'province',
      toUnitId: 'centre',
      remarks: 'Province: confirmed.',
    }),
  ]);
  await app.cascade.relay(lowerId);

  for (const sessionId of ['centre-q1', q2.sessionId]) {
    const relayed = (await logOf(store, sessionId)).filter((e) => e.type === 'directive:relayed');
    expect(
      relayed.map((e) => e.payload),
      sessionId,
    ).toEqual([expect.objectContaining({ fromSessionId: lowerId, holderUnitId: 'centre' })]);
    expect((await app.commands.state(sessionId)).directives['explain-mine']!.steps.map((s) => s.text)).toEqual([
      'The pit flooded.',
      'Province: confirmed.',
    ]);
  }
});
