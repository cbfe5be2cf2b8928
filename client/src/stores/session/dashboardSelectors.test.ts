import { describe, expect, test } from 'vitest';
import { ids } from '../../test/events';
import { carriedWarning, stateOf } from '../../test/stories';
import { dashboardSelectors } from './dashboardSelectors';

describe('dashboard selectors', () => {
  test('production against the previous period, with the warning carried from it', () => {
    const state = stateOf((log) => {
      log.add(
        'report:submitted',
        {
          unitId: ids.otherUnit,
          note: null,
          indicators: [
            {
              id: 'milk',
              name: 'Milk',
              measure: 't',
              planned: 100,
              reported: 60,
              weight: 1,
              isProduction: true,
              previous: 50,
              partOf: null,
            },
          ],
        },
        ids.chair,
      );
      carriedWarning(log);
    });
    expect(dashboardSelectors.periodChanges(state)).toEqual([
      expect.objectContaining({
        indicatorName: 'Milk',
        previous: 50,
        achieved: 60,
        warnedAt: 0.55,
        warnedPeriod: '2025-Q4',
      }),
    ]);
    expect(dashboardSelectors.periodChanges(state)[0]?.change).toBeCloseTo(0.2);
    expect(dashboardSelectors.ranking(state).map((s) => s.unit.id)).toEqual([ids.unit, ids.otherUnit]);
    expect(dashboardSelectors.trend(state, 'ownership')).toEqual([
      {
        period: '2026-Q1',
        sessionId: ids.session,
        groups: [
          { key: 'cooperative', average: 0.6 },
          { key: 'state', average: 0.65 },
        ],
      },
    ]);
  });
});
