import { randomBytes } from 'node:crypto';
import { createApp, createLogger, ensureDemo } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import { addDays, defaultThresholds, type Ack, type CommandResult, type ConveneBody } from '@plenum/shared';
import { describe, expect, onTestFinished, test } from 'vitest';
import { api, dataOf } from '../helpers/api.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { startTestServer } from '../helpers/startTestServer.js';

/*
 * A review is followed up once: the next quarter's review convened from it takes its open
 * directives and warnings, and from then on the earlier session takes no step on them.
 */

/** A date `days` after today's: convening refuses a day in the past, whatever day the tests run. */
const fromToday = (days: number) => addDays(new Date().toISOString().slice(0, 10), days);

const q2 = (previousSessionId: string, title = 'Northern Province — second-quarter review'): ConveneBody => ({
  session: {
    title,
    period: '2026-Q2',
    organisation: 'Northern Province Committee',
    days: [{ id: 'q2-day-1', date: fromToday(7), title: 'Day 1' }],
    thresholds: defaultThresholds,
    conferenceLink: null,
    organiserUnitId: 'northern-province',
    previousSessionId,
  },
  chairName: 'Chair — Q2',
});

/** The refusal of an ack, or a failed expectation when it was accepted. */
function refused(ack: Ack<CommandResult>) {
  if (ack.ok) throw new Error(`expected a refusal, got seq ${ack.data.seq}`);
  return ack.error;
}

for (const store of ['sqlite', 'postgres'] as const) {
  describe.skipIf(store === 'postgres' && !process.env.DATABASE_URL)(
    `${store}: a follow-up through the real server`,
    () => {
      test('a directive carried into Q2 is refused in Q1 with the session that follows it now; Q1 appends nothing', async () => {
        const server = await startTestServer({ store });
        const token = server.tokens.administrator;
        const chair = await server.connect('chair');
        const inspector = await server.connect('inspector');
        expectOk(
          await sendCommand(chair, server.sessionId, {
            type: 'directive:issue',
            payload: {
              kind: 'inspection',
              assigneeUnitId: 'riverside-steel',
              subjectUnitId: 'riverside-steel',
              inspectorId: server.participants.inspector.id,
              title: 'Inspect the dispatch records',
              text: null,
              dueDate: '2100-01-31',
              fromCriticismId: null,
            },
          }),
        );
        const directiveId = (await server.state()).directiveOrder.at(-1)!;
        const { sessionId } = dataOf(
          await api<{ sessionId: string }>(server.url, '/api/sessions', {
            method: 'POST',
            token,
            body: q2(server.sessionId),
          }),
        );
        expect((await server.app.commands.state(sessionId)).directives[directiveId]?.status).toBe('open');

        const head = await server.head();
        const handedOn = {
          kind: 'handed-on',
          subject: 'directive',
          name: 'Inspect the dispatch records',
          sessionId,
          title: 'Northern Province — second-quarter review',
          period: '2026-Q2',
        };
        for (const [socket, command] of [
          [inspector, { type: 'directive:acknowledge', payload: { directiveId } }],
          [inspector, { type: 'directive:answer', payload: { directiveId, text: 'Books in order.' } }],
          [chair, { type: 'directive:close', payload: { directiveId } }],
        ] as const) {
          const error = refused(await sendCommand(socket, server.sessionId, command));
          expect(error.code).toBe('CONFLICT');
          expect('refusal' in error ? error.refusal : null).toEqual(handedOn);
        }
        expect(await server.head()).toBe(head);
        expect((await server.app.commands.state(sessionId)).directives[directiveId]?.status).toBe('open');
      });

      test('a second follow-up of the same review is refused on the previous-session field, naming the first', async () => {
        const server = await startTestServer({ store });
        const token = server.tokens.administrator;
        const first = dataOf(
          await api<{ sessionId: string }>(server.url, '/api/sessions', {
            method: 'POST',
            token,
            body: q2(server.sessionId),
          }),
        );
        const head = await server.head();
        const second = await api(server.url, '/api/sessions', {
          method: 'POST',
          token,
          body: q2(server.sessionId, 'A second Q2 review'),
        });
        expect(second.status).toBe(409);
        expect(second.body).toMatchObject({
          code: 'CONFLICT',
          issues: [
            {
              path: 'session.previousSessionId',
              reason: {
                code: 'already-followed-up',
                sessionId: first.sessionId,
                title: 'Northern Province — second-quarter review',
                period: '2026-Q2',
              },
            },
          ],
        });
        expect(await server.head()).toBe(head);
        const listed = dataOf(await api<{ sessions: { title: string }[] }>(server.url, '/api/sessions', { token }));
        expect(listed.sessions.map((s) => s.title)).not.toContain('A second Q2 review');
      });

      test('two follow-ups of one review convened at once: exactly one is created', async () => {
        const server = await startTestServer({ store });
        const token = server.tokens.administrator;
        const answers = await Promise.all(
          ['Q2 — first', 'Q2 — second'].map((title) =>
            api<{ sessionId: string }>(server.url, '/api/sessions', {
              method: 'POST',
              token,
              body: q2(server.sessionId, title),
            }),
          ),
        );
        expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
        const listed = dataOf(
          await api<{ sessions: { title: string; previousSessionId: string | null }[] }>(server.url, '/api/sessions', {
            token,
          }),
        );
        expect(listed.sessions.filter((s) => s.previousSessionId === server.sessionId)).toHaveLength(1);
        const winner = dataOf(answers.find((a) => a.status === 201)!);
        expect((await server.state()).followedUpBy?.sessionId).toBe(winner.sessionId);
      });
    },
  );
}

// Two server processes share one PostgreSQL: neither's lane sees the other's convening, so only
// the log's seq can order the two marks of the previous session.
test.skipIf(!process.env.DATABASE_URL)(
  'two processes convening follow-ups of one review at once: exactly one is created',
  async () => {
    const url = process.env.DATABASE_URL!;
    const schema = `follow_${randomBytes(6).toString('hex')}`;
    const stores = [await PostgresStore.open(url, { schema }), await PostgresStore.open(url, { schema })];
    onTestFinished(async () => {
      for (const store of stores) await store.close();
      await PostgresStore.dropSchema(url, schema);
    });
    const [one, two] = stores.map((store) => createApp({ store, logger: createLogger({ level: 'silent' }) }));
    onTestFinished(async () => {
      await one!.close();
      await two!.close();
    });
    const demo = await ensureDemo({
      sessions: one!.sessions,
      commands: one!.commands,
      settings: stores[0]!,
      ids: one!.ids,
    });
    // The second process has the previous session cached before either convening.
    await two!.commands.state(demo.sessionId);
    const convene = (app: typeof one, title: string) => {
      const { session, chairName } = q2(demo.sessionId, title);
      return app!.sessions.convene({
        definition: {
          ...session,
          thresholds: defaultThresholds,
          conferenceLink: null,
          organiserUnitId: 'northern-province',
          previousSessionId: demo.sessionId,
        },
        units: [],
        chairName,
      });
    };
    const outcomes = await Promise.allSettled([convene(one, 'Q2 — first'), convene(two, 'Q2 — second')]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const winner = outcomes.find((o) => o.status === 'fulfilled')!.value.sessionId;
    const loser = outcomes.find((o) => o.status === 'rejected')!.reason as { code: string; issues: unknown };
    expect(loser.code).toBe('CONFLICT');
    expect(loser.issues).toMatchObject([
      { path: 'session.previousSessionId', reason: { code: 'already-followed-up', sessionId: winner } },
    ]);
    const log = await stores[0]!.read(demo.sessionId, 0, 10_000);
    expect(log.filter((e) => e.type === 'session:followed-up')).toHaveLength(1);
  },
);
