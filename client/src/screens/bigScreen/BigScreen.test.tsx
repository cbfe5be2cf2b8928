import { act, screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { changeLanguage } from '../../i18n';
import { ids, instant, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { carriedWarning } from '../../test/stories';
import { BigScreen } from './BigScreen';

type Log = Parameters<typeof carriedWarning>[0];

/** South County Dairy, warned at 55 % last period, reports 667 l of 1,000 l and its second review is on the floor. */
function secondReviewOnTheFloor(log: Log): void {
  carriedWarning(log);
  log.add(
    'report:submitted',
    {
      unitId: ids.otherUnit,
      indicators: [
        {
          id: 'ind-milk',
          name: 'Milk delivered',
          measure: 'l',
          planned: 1000,
          reported: 667,
          weight: 1,
          isProduction: true,
          previous: null,
          partOf: null,
        },
      ],
      note: null,
    },
    ids.presenter,
  );
  log.add('agenda:item-started', { itemId: 'item-review', startedAt: instant(100) });
}

describe('big screen', () => {
  test('a second-review item shows the period of the warning, the fulfilment then and now', async () => {
    await renderSession(<BigScreen />, participants.observer, secondReviewOnTheFloor);
    const review = screen.getByTestId('big-screen-second-review');
    expect(review).toHaveTextContent(
      'Second review: warned in 2025-Q4 at 55% production fulfilment; now 66.7% (threshold 70%). ⚠ Still under the threshold.',
    );
  });

  test('the second review’s comparison is said in Korean too', async () => {
    await renderSession(<BigScreen />, participants.observer, secondReviewOnTheFloor);
    await act(() => changeLanguage('ko', { persist: false }));
    try {
      const review = screen.getByTestId('big-screen-second-review');
      expect(review).toHaveTextContent('2025-Q4');
      expect(review).toHaveTextContent('55%');
      expect(review).toHaveTextContent('66.7%');
      expect(review.textContent).toMatch(/[가-힣]/);
    } finally {
      await act(() => changeLanguage('en', { persist: false }));
    }
  });

  test('a topic the system wrote in English reads in Korean on a Korean screen', async () => {
    await renderSession(<BigScreen />, participants.observer, (log) => {
      carriedWarning(log);
      log.add('agenda:item-added', {
        item: {
          id: 'item-proposed',
          dayId: ids.dayOne,
          unitId: ids.otherUnit,
          topic: 'Second review: South County Dairy (warned in 2025-Q4)',
          plannedMinutes: 10,
          warningId: 'warn-q4',
          kind: 'second-review',
          generatedTopic: { kind: 'second-review', unit: 'South County Dairy', period: '2025-Q4' },
        },
        order: 3,
      });
      log.add('agenda:item-started', { itemId: 'item-proposed', startedAt: instant(100) });
    });
    const topic = () => screen.getByTestId('current-item').querySelector('.current-item__topic');
    expect(topic()).toHaveTextContent('Second review: South County Dairy (warned in 2025-Q4)');
    await act(() => changeLanguage('ko', { persist: false }));
    try {
      expect(topic()).toHaveTextContent('재검토: South County Dairy (2025-Q4 경고)');
    } finally {
      await act(() => changeLanguage('en', { persist: false }));
    }
  });

  test('a second review with no production figure yet says so rather than a dash', async () => {
    await renderSession(<BigScreen />, participants.observer, (log) => {
      carriedWarning(log);
      log.add('agenda:item-started', { itemId: 'item-review', startedAt: instant(100) });
    });
    expect(screen.getByTestId('big-screen-second-review')).toHaveTextContent(
      'Second review: warned in 2025-Q4 at 55% production fulfilment; no production figure reported for this period yet (threshold 70%).',
    );
  });

  test('an ordinary item shows no second-review line', async () => {
    await renderSession(<BigScreen />, participants.observer, (log) => {
      carriedWarning(log);
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    });
    expect(screen.getByTestId('current-item')).toBeInTheDocument();
    expect(screen.queryByTestId('big-screen-second-review')).toBeNull();
  });
});
