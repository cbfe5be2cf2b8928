import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import type * as I18n from '../../i18n';
import { addDays } from '@plenum/shared';
import { todayIsoDate } from '../../lib/format';
import { ids, participants } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen } from '../../test/stories';
import { ChairConsole } from '../../screens/chair/ChairConsole';
import { loadDirectiveDraft, saveDirectiveDraft } from '../directives/directiveDraft';

/** How many of the coming loads of the directive form fail, as they do offline. */
const failing = vi.hoisted(() => ({ loads: 0 }));

vi.mock('../../i18n', async (importOriginal) => {
  const actual = await importOriginal<typeof I18n>();
  return {
    ...actual,
    withWords: <TModule,>(needed: readonly string[], load: Promise<TModule>): Promise<TModule> => {
      if (needed.includes('decisions') && failing.loads > 0) {
        failing.loads -= 1;
        // Chromium's words for a script that could not be fetched.
        return Promise.reject(new TypeError('Failed to fetch dynamically imported module: /assets/DirectiveForm.js'));
      }
      return actual.withWords(needed as Parameters<typeof actual.withWords>[0], load);
    },
  };
});

describe('the directive form of a criticism, loaded on its first use', () => {
  test('when it cannot be loaded, says so where the form would be, and “Try again” loads it with the draft kept', async () => {
    const place = { sessionId: ids.session, participantId: ids.chair, form: 'criticism:crit-1' };
    const draft = {
      kind: 'inspection' as const,
      assigneeUnitId: ids.unit,
      inspectionBy: null,
      dueDate: addDays(todayIsoDate(), 30),
      title: 'Explain the kiln stoppage',
      text: '',
    };
    // A draft kept from before a reload opens the form at once.
    saveDirectiveDraft(place, draft);
    failing.loads = 1;
    await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
      floorOpen(log);
      criticise(log, 'crit-1', { text: 'Kilns stood idle for six weeks.', category: 'inflated-report' });
    });

    const failure = await screen.findByTestId('load-failed');
    expect(failure).toHaveTextContent('The form could not be loaded: check the connection and try again');
    expect(screen.getByTestId('make-directive-crit-1')).toHaveAttribute('aria-expanded', 'true');
    expect(loadDirectiveDraft(place)).toEqual(draft);

    fireEvent.click(within(failure).getByRole('button', { name: 'Try again' }));
    const form = await screen.findByTestId('directive-form');
    expect(within(form).getByTestId('directive-title')).toHaveValue('Explain the kiln stoppage');
    expect(screen.queryByTestId('load-failed')).toBeNull();
  });
});
