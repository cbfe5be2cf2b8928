import type { Participant } from '@plenum/shared';
import { screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { PresenterSlot } from './PresenterSlot';

const countyPresenter: Participant = { id: 'p-county', name: 'Kim County', role: 'presenter', unitId: 'u-county' };

describe('presenter slot', () => {
  test('rehearsal 8: a unit with no slot and no report is not asked to write one', async () => {
    await renderSession(<PresenterSlot />, countyPresenter, (log) => {
      log.add('unit:added', {
        unit: {
          id: 'u-county',
          name: 'West County Committee',
          kind: 'county',
          parentId: null,
          ownership: 'state',
          sector: 'Administration',
          class: null,
          region: 'West County',
        },
      });
      log.add('participant:invited', { participant: countyPresenter });
    });
    expect(screen.getByTestId('no-report-due')).toHaveTextContent(
      'Your unit has no slot on the agenda, so no report is due from it in this review session.',
    );
    expect(screen.queryByTestId('go-to-report')).not.toBeInTheDocument();
    expect(screen.getByTestId('presenter-slot')).not.toHaveTextContent('Write the report');
    expect(screen.getByTestId('presenter-slot')).not.toHaveTextContent('not submitted');
  });

  test('a unit with a slot is asked for its report', async () => {
    await renderSession(<PresenterSlot />, participants.presenter);
    expect(screen.getByTestId('go-to-report')).toHaveTextContent('Edit the report');
    expect(screen.queryByTestId('no-report-due')).not.toBeInTheDocument();
  });
});
