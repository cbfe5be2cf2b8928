import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { changeLanguage } from '../../i18n';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { ids, participants, type eventLog } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { criticise, floorOpen } from '../../test/stories';
import { uiStore } from '../../stores/ui';
import { BigScreen } from '../../screens/bigScreen/BigScreen';
import { ChairConsole } from '../../screens/chair/ChairConsole';
import { ParticipantView } from '../../screens/participant/ParticipantView';

/** The floor is open on item one, with one criticism by each official. */
function twoCriticisms(log: ReturnType<typeof eventLog>) {
  floorOpen(log);
  criticise(log, 'crit-own', { text: 'Mine.' });
  criticise(log, 'crit-other', {
    author: ids.otherOfficial,
    text: 'Theirs.',
    category: 'paper-only',
    severity: 'high',
  });
}

const endorseButton = (criticismId: string) =>
  within(screen.getByTestId(`criticism-${criticismId}`)).getByRole('button', { name: /^endors/i });

describe('criticism list', () => {
  test('lists criticisms newest first', async () => {
    await renderSession(<ParticipantView role="official" />, participants.official, twoCriticisms);
    const items = within(screen.getByTestId('criticism-list')).getAllByRole('listitem');
    expect(items.map((li) => li.getAttribute('data-testid'))).toEqual(['criticism-crit-other', 'criticism-crit-own']);
  });

  test('one cannot endorse one’s own criticism; endorsing another sends criticism:endorse once', async () => {
    const { fake, log, broadcast } = await renderSession(
      <ParticipantView role="official" />,
      participants.official,
      twoCriticisms,
    );
    expect(endorseButton('crit-own')).toBeDisabled();
    expect(endorseButton('crit-own')).toHaveAccessibleDescription('Your own criticism');
    expect(endorseButton('crit-other')).toBeEnabled();
    expect(endorseButton('crit-other')).toHaveAccessibleName('Endorse criticism by Olga Official');

    fireEvent.click(endorseButton('crit-other'));
    const ask = await fake.nextAsk('command');
    expect(ask.payload).toMatchObject({
      command: { type: 'criticism:endorse', payload: { criticismId: 'crit-other' } },
    });
    // While in flight: counted, and no second click.
    expect(endorseButton('crit-other')).toBeDisabled();
    expect(screen.getByTestId('criticism-crit-other')).toHaveTextContent('1 endorsement');

    await act(async () => {
      ask.answer({ ok: true, data: { seq: log.events.length + 1 } });
      await flushMicrotasks();
    });
    broadcast(log.add('criticism:endorsed', { criticismId: 'crit-other', participantId: ids.official }, ids.official));
    expect(endorseButton('crit-other')).toBeDisabled();
    expect(endorseButton('crit-other')).toHaveTextContent('Endorsed');
    expect(screen.getByTestId('criticism-crit-other')).toHaveTextContent('1 endorsement');
  });

  test('the chair may endorse as the permissions allow: another’s criticism, sending criticism:endorse', async () => {
    const { fake } = await renderSession(<ChairConsole role="chair" />, participants.chair, twoCriticisms);
    expect(endorseButton('crit-other')).toBeEnabled();
    fireEvent.click(endorseButton('crit-other'));
    const ask = await fake.nextAsk('command');
    expect(ask.payload).toMatchObject({
      command: { type: 'criticism:endorse', payload: { criticismId: 'crit-other' } },
    });
  });

  test('a presenter sees the criticism of their unit, may answer it, but has no endorse button and no form', async () => {
    await renderSession(<ParticipantView role="presenter" />, participants.presenter, twoCriticisms);
    expect(screen.getByTestId('criticism-crit-other')).toHaveTextContent('Theirs.');
    const list = within(screen.getByTestId('criticism-list'));
    expect(list.queryAllByRole('button', { name: /endors/i })).toHaveLength(0);
    expect(list.getAllByRole('button', { name: /^answer/i })).toHaveLength(2);
    expect(screen.queryByTestId('criticism-form')).not.toBeInTheDocument();
  });

  test('the big screen is read-only: figures, timer and criticisms without a single control', async () => {
    await renderSession(<BigScreen />, participants.observer, twoCriticisms);
    expect(screen.getByTestId('current-item')).toHaveTextContent('North County Cement Works');
    expect(screen.getByTestId('timer')).toBeInTheDocument();
    expect(screen.getByText('Production fulfilment')).toBeInTheDocument();
    expect(screen.getByTestId('criticism-crit-other')).toBeInTheDocument();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    expect(screen.queryAllByRole('textbox')).toHaveLength(0);
  });

  test('a criticism the chair hid leaves the live views but stays, marked, on the chair’s', async () => {
    const hide = (log: ReturnType<typeof eventLog>) => {
      twoCriticisms(log);
      log.add('criticism:hidden', { criticismId: 'crit-other', reason: 'Personal remarks' });
    };
    const official = await renderSession(<ParticipantView role="official" />, participants.official, hide);
    expect(screen.queryByTestId('criticism-crit-other')).not.toBeInTheDocument();
    expect(screen.getByTestId('criticism-crit-own')).toBeInTheDocument();
    official.unmount();

    await renderSession(<ChairConsole role="chair" />, participants.chair, hide);
    expect(screen.getByTestId('criticism-crit-other')).toHaveTextContent(
      'Hidden from the live views: Personal remarks',
    );
  });

  test('the author of a hidden criticism still sees it, marked with the chair’s reason; the big screen does not', async () => {
    const hideOwn = (log: ReturnType<typeof eventLog>) => {
      twoCriticisms(log);
      log.add('criticism:hidden', { criticismId: 'crit-own', reason: 'Off the item' });
    };
    const official = await renderSession(<ParticipantView role="official" />, participants.official, hideOwn);
    expect(screen.getByTestId('criticism-crit-own')).toHaveTextContent('Hidden from the live views: Off the item');
    expect(screen.getByTestId('criticism-crit-other')).toBeInTheDocument();
    official.unmount();

    await renderSession(<BigScreen />, participants.observer, hideOwn);
    expect(screen.queryByTestId('criticism-crit-own')).not.toBeInTheDocument();
  });

  test('shows the unit’s response and the chair’s ruling', async () => {
    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      twoCriticisms(log);
      log.add(
        'criticism:responded',
        { criticismId: 'crit-own', text: 'Two kilns were down for repair.' },
        ids.presenter,
      );
      log.add('criticism:ruled', { criticismId: 'crit-own', ruling: 'referred', note: 'To the inspection' });
    });
    const entry = screen.getByTestId('criticism-crit-own');
    expect(entry).toHaveTextContent('Response from the unit: Two kilns were down for repair.');
    expect(entry).toHaveTextContent('Chair’s ruling: Referred (To the inspection)');
  });
});

test('rehearsal 8: a referral names to whom, and the ruling says so', async () => {
  const { nextCommand, accept, log } = await renderSession(
    <ChairConsole role="chair" />,
    participants.chair,
    twoCriticisms,
  );
  fireEvent.click(screen.getByTestId('rule-crit-own'));
  const form = screen.getByTestId('ruling-form-crit-own');
  fireEvent.click(within(form).getByLabelText('Referred'));
  fireEvent.click(screen.getByTestId('ruling-submit-crit-own'));
  // Said under the field it names, which takes the focus.
  expect(within(form).getByLabelText('Referred to')).toHaveAccessibleDescription(
    'Name to whom the criticism is referred.',
  );

  fireEvent.change(within(form).getByLabelText('Referred to'), { target: { value: ' State Inspection Office ' } });
  fireEvent.click(screen.getByTestId('ruling-submit-crit-own'));
  const { ask, command } = await nextCommand();
  expect(command).toEqual({
    type: 'criticism:rule',
    payload: { criticismId: 'crit-own', ruling: 'referred', note: null, referredTo: 'State Inspection Office' },
  });
  await accept(
    ask,
    log.add('criticism:ruled', {
      criticismId: 'crit-own',
      ruling: 'referred',
      note: null,
      referredTo: 'State Inspection Office',
    }),
  );
  expect(screen.getByTestId('criticism-crit-own')).toHaveTextContent(
    'Chair’s ruling: Referred to State Inspection Office',
  );
});

test('rehearsal 8: once a criticism is made a directive, it says so instead of offering it again', async () => {
  await renderSession(<ChairConsole role="chair" />, participants.chair, (log) => {
    twoCriticisms(log);
    log.add('directive:issued', {
      directiveId: 'dir-from-crit',
      kind: 'explain-failure',
      assigneeUnitId: ids.unit,
      title: 'Explain the shortfall',
      text: null,
      dueDate: '2026-04-30',
      fromCriticismId: 'crit-own',
      orderedByUnitId: null,
      itemId: ids.itemOne,
    });
  });
  expect(screen.queryByTestId('make-directive-crit-own')).not.toBeInTheDocument();
  expect(screen.getByTestId('directive-made-crit-own')).toHaveTextContent('Directive made: Explain the shortfall');
  fireEvent.click(within(screen.getByTestId('directive-made-crit-own')).getByRole('button'));
  expect(uiStore.getState().view).toBe('decisions');
  // The other criticism may still be made one.
  expect(screen.getByTestId('make-directive-crit-other')).toBeInTheDocument();
});

// The cards word through the list's translation function: a new language must reach them.
test('a change of language words the cards again, with the endorsements and the chair’s actions', async () => {
  await renderSession(<ChairConsole role="chair" />, participants.chair, twoCriticisms);
  const card = () => screen.getByTestId('criticism-crit-own');
  expect(screen.getByTestId('rule-crit-own')).toHaveTextContent(/^Rule/);
  try {
    await act(() => changeLanguage('ko', { persist: false }));
    expect(screen.getByTestId('rule-crit-own')).toHaveTextContent(/^판정…/);
    expect(card().querySelector('.criticism__endorsements')).toHaveTextContent(/^동조/);
  } finally {
    await act(() => changeLanguage('en', { persist: false }));
  }
  expect(screen.getByTestId('rule-crit-own')).toHaveTextContent(/^Rule/);
});
