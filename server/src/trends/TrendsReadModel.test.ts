import type { SessionState } from '@plenum/shared';
import { describe, expect, test } from 'vitest';
import { demoSessionIds } from '../demo/seedDemo.js';
import { demoWorld } from '../test/demoWorld.js';
import { TrendsReadModel, trendPeriodsMax, type ReadSession } from './TrendsReadModel.js';

describe('the trends read model', () => {
  test('follows the demo session back to the fourth quarter: the coal mine is under 70 % in both', async () => {
    const world = await demoWorld();
    const model = new TrendsReadModel((id, view) => world.commands.read(id, view));
    const trends = (await model.trends(world.sessionId))!;
    expect(trends.periods.map((p) => [p.period, p.sessionId, p.status])).toEqual([
      ['2025-Q4', demoSessionIds.previous, 'closed'],
      ['2026-Q1', demoSessionIds.current, 'in-session'],
    ]);
    const coal = trends.units.find((u) => u.unit.id === 'coal-mine-3')!;
    expect(coal.points.map((p) => [p.period, p.production, p.isWarned, p.secondReview])).toEqual([
      ['2025-Q4', 262_000 / 440_000, true, null],
      ['2026-Q1', 280_000 / 450_000, false, 'open'],
    ]);
    expect(coal.streak).toEqual({ quarters: 2, threshold: 0.7, from: '2025-Q4', to: '2026-Q1' });
    expect(trends.warnings.map((w) => [w.period, w.issued, w.carried])).toEqual([
      ['2025-Q4', 2, 0],
      ['2026-Q1', 0, 2],
    ]);
    // The first session of the chain has only its own period.
    expect((await model.trends(demoSessionIds.previous))!.periods.map((p) => p.period)).toEqual(['2025-Q4']);
    expect(await model.trends('no-such-session')).toBeNull();
  });

  test('keeps a session’s figures until its log moves on', async () => {
    const world = await demoWorld();
    const model = new TrendsReadModel((id, view) => world.commands.read(id, view));
    const coal = async () => (await model.trends(world.sessionId))!.units.find((u) => u.unit.id === 'coal-mine-3')!;
    const first = await coal();
    const again = await coal();
    expect(again.points[0]).toBe(first.points[0]);
    expect(again.points[1]).toBe(first.points[1]);
    await world.run(world.byRole.inspector, {
      type: 'report:verify',
      payload: {
        unitId: 'coal-mine-3',
        indicatorId: 'coal',
        verified: 250_000,
        finding: 'Stock counted twice.',
        evidence: null,
      },
    });
    const after = await coal();
    // The closed quarter is kept; the current one is made again, with the verified figure.
    expect(after.points[0]).toBe(first.points[0]);
    expect(after.points[1]).not.toBe(first.points[1]);
    expect(after.points[1]!.production).toBe(250_000 / 450_000);
    expect(after.points[1]!.reportingGap).toBe(30_000 / 280_000);
  });

  test('stops at a link that does not lead to an earlier period, and after the longest chain', async () => {
    const world = await demoWorld();
    const [previous, current] = await Promise.all(
      [demoSessionIds.previous, demoSessionIds.current].map((id) => world.commands.state(id)),
    );
    // The fourth quarter made to follow up the first: a loop.
    const looped: Record<string, SessionState> = {
      [current!.sessionId]: current!,
      [previous!.sessionId]: {
        ...previous!,
        definition: { ...previous!.definition!, previousSessionId: current!.sessionId },
      },
    };
    const read: ReadSession = (id, view) => Promise.resolve(view(looped[id]!));
    expect((await new TrendsReadModel(read).chain(current!.sessionId)).map((p) => p.period)).toEqual([
      '2025-Q4',
      '2026-Q1',
    ]);
    // A chain of quarters longer than the limit: only the latest are read.
    const quarter = (n: number) => `${2000 + Math.floor(n / 4)}-Q${(n % 4) + 1}`;
    const long: ReadSession = (id, view) => {
      const n = Number(id.slice(1));
      const definition = { ...current!.definition!, period: quarter(n), previousSessionId: n > 0 ? `s${n - 1}` : null };
      return Promise.resolve(view({ ...current!, sessionId: id, definition }));
    };
    const chain = await new TrendsReadModel(long).chain('s40');
    expect(chain).toHaveLength(trendPeriodsMax);
    expect(chain.at(-1)!.period).toBe(quarter(40));
  });
});
