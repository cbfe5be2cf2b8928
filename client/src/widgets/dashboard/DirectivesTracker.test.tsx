import { screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ids, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { directiveId, directiveToUnit, kilnInspection } from '../../test/stories';
import { DirectivesTracker } from './DirectivesTracker';

describe('the directives tracker', () => {
  test('says where a directive is now under its assignee only once it has moved on; on a phone every field has its column’s name', async () => {
    await renderSession(<DirectivesTracker />, participants.chair, (log) => {
      directiveToUnit(log);
      kilnInspection(log, 'dir-kilns');
      log.add('directive:forwarded', {
        directiveId,
        fromUnitId: ids.unit,
        toUnitId: ids.otherUnit,
        remarks: null,
      });
    });
    const table = screen.getByRole('table', { name: 'Directives tracker' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Directive', 'Kind', 'Assignee', 'Due', 'Status']);
    const forwarded = screen.getByTestId(`tracked-directive-${directiveId}`);
    const assignee = within(forwarded).getAllByRole('cell')[1]!;
    expect(assignee).toHaveTextContent('North County Cement WorksNow with: South County Dairy');
    expect(within(screen.getByTestId('tracked-directive-dir-kilns')).getAllByRole('cell')[1]).toHaveTextContent(
      /^North County Cement Works$/,
    );
    for (const row of [forwarded, screen.getByTestId('tracked-directive-dir-kilns')]) {
      expect(Array.from(row.querySelectorAll('td'), (cell) => cell.dataset.label)).toEqual([
        'Kind',
        'Assignee',
        'Due',
        'Status',
      ]);
    }
  });
});
