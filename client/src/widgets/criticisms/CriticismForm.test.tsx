import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { flushMicrotasks } from '../../realtime/testing/FakeSocket';
import { connectionStore } from '../../stores/connection';
import { ids, instant, participants, type eventLog } from '../../test/events';
import { renderSession } from '../../test/renderSession';
import { ChairConsole } from '../../screens/chair/ChairConsole';
import { ParticipantView } from '../../screens/participant/ParticipantView';

function floorOpen(log: ReturnType<typeof eventLog>) {
  log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
  log.add('agenda:floor-opened', { itemId: ids.itemOne, openedAt: instant(400) });
}

/** An official writes on item one, which closes as item two takes the floor: the text is left unsent. */
async function unsentAsTheNextItemStarts() {
  const session = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
  fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: 'The kilns stood idle for six' } });
  session.broadcast(
    session.log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) }),
    session.log.add('agenda:item-started', { itemId: ids.itemTwo, startedAt: instant(1000) }),
  );
  return session;
}

describe('criticism form', () => {
  test('posts the criticism:post command for the item on the floor, shows it greyed until its event arrives', async () => {
    const { fake, log, broadcast } = await renderSession(
      <ParticipantView role="official" />,
      participants.official,
      floorOpen,
    );

    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'inflated-report' } });
    fireEvent.change(screen.getByLabelText('Severity'), { target: { value: 'high' } });
    fireEvent.change(screen.getByLabelText('Indicator (optional)'), { target: { value: 'ind-cement' } });
    fireEvent.change(screen.getByTestId('criticism-text'), {
      target: { value: '  Cement output was reported at 650 t, but the kilns ran for six weeks only.  ' },
    });
    fireEvent.click(screen.getByTestId('criticism-submit'));

    const ask = await fake.nextAsk('command');
    expect(ask.payload).toEqual({
      commandId: expect.any(String) as string,
      sessionId: ids.session,
      command: {
        type: 'criticism:post',
        payload: {
          itemId: ids.itemOne,
          category: 'inflated-report',
          severity: 'high',
          indicatorId: 'ind-cement',
          text: 'Cement output was reported at 650 t, but the kilns ran for six weeks only.',
        },
      },
    });
    expect(screen.getByTestId('criticism-text')).toHaveValue('');
    const sending = screen.getByTestId('criticism-pending');
    expect(sending).toHaveTextContent('Sending…');
    expect(sending).toHaveTextContent('kilns ran for six weeks');

    // The ack comes before the broadcast: the entry stays greyed until the event is folded.
    await act(async () => {
      ask.answer({ ok: true, data: { seq: log.events.length + 1 } });
      await flushMicrotasks();
    });
    expect(screen.getByTestId('criticism-pending')).toBeInTheDocument();

    const posted = log.add(
      'criticism:posted',
      {
        criticismId: 'crit-1',
        itemId: ids.itemOne,
        unitId: ids.unit,
        category: 'inflated-report',
        severity: 'high',
        indicatorId: 'ind-cement',
        text: 'Cement output was reported at 650 t, but the kilns ran for six weeks only.',
      },
      ids.official,
    );
    broadcast(posted);
    expect(screen.queryByTestId('criticism-pending')).not.toBeInTheDocument();
    const entry = within(screen.getByTestId('criticism-list')).getByTestId('criticism-crit-1');
    expect(entry).toHaveTextContent('kilns ran for six weeks');
    expect(entry).toHaveTextContent('Inflated report');
    expect(entry).toHaveTextContent('on Cement');
    expect(entry).toHaveTextContent('Oleg Official');
  });

  test('criticism is taken while the unit presents, and waits while the connection is down', async () => {
    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
    });
    expect(screen.getByTestId('criticism-submit')).toBeEnabled();
    expect(screen.getByTestId('criticism-form')).toHaveTextContent('The unit is still presenting');

    act(() => connectionStore.getState().setStatus('reconnecting'));
    expect(screen.getByTestId('criticism-submit')).toBeDisabled();
    expect(screen.getByTestId('criticism-submit')).toHaveAccessibleDescription(
      'Offline: the text is kept and can be posted once the connection is back.',
    );
    expect(screen.getByTestId('criticism-offline')).toBeVisible();

    act(() => connectionStore.getState().setStatus('live'));
    expect(screen.getByTestId('criticism-submit')).toBeEnabled();
    expect(screen.queryByTestId('criticism-offline')).not.toBeInTheDocument();
  });

  test('there is no form between items', async () => {
    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      log.add('agenda:item-started', { itemId: ids.itemOne, startedAt: instant(100) });
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) });
    });
    expect(screen.getByTestId('current-item')).toHaveTextContent('Last agenda item');
    expect(screen.queryByTestId('criticism-form')).not.toBeInTheDocument();
  });

  test('on a general topic the hint speaks of the topic, as it has no unit to raise the criticism against', async () => {
    const topic = 'item-opening';
    const session = await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      log.add('agenda:item-added', {
        item: { id: topic, dayId: ids.dayOne, unitId: null, topic: 'Opening', plannedMinutes: 5, warningId: null },
        order: 0,
      });
      log.add('agenda:item-started', { itemId: topic, startedAt: instant(100) });
    });
    const form = screen.getByTestId('criticism-form');
    expect(form).toHaveTextContent('The topic is still being introduced; your criticism is recorded on it');
    expect(form).not.toHaveTextContent(/unit/);

    session.broadcast(session.log.add('agenda:floor-opened', { itemId: topic, openedAt: instant(400) }));
    await flushMicrotasks();
    expect(form).toHaveTextContent('The floor is open: your criticism is raised on this topic and shown to everyone.');
    expect(form).not.toHaveTextContent(/unit/);
  });

  test('a refused criticism says why in plain words and gives the text back', async () => {
    const { fake } = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: 'Deliveries were late.' } });
    fireEvent.click(screen.getByTestId('criticism-submit'));
    const ask = await fake.nextAsk('command');

    await act(async () => {
      ask.answer({ ok: false, error: { code: 'CONFLICT', message: 'item is not open for criticism' } });
      await flushMicrotasks();
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      "Your criticism was not posted. This cannot be done in the review session's current state. The screen shows where it stands.",
    );
    expect(screen.getByTestId('criticism-text')).toHaveValue('Deliveries were late.');
    expect(screen.queryByTestId('criticism-pending')).not.toBeInTheDocument();
  });

  test('a criticism on an item the chair closed meanwhile says so in the participant’s words', async () => {
    const { fake } = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: 'Deliveries were late.' } });
    fireEvent.click(screen.getByTestId('criticism-submit'));
    const ask = await fake.nextAsk('command');

    await act(async () => {
      ask.answer({
        ok: false,
        error: {
          code: 'CONFLICT',
          message: 'That item no longer holds the floor.',
          refusal: { kind: 'floor-blocked', blocker: 'item-not-live', liveItem: null, openDay: 'Day 1' },
        },
      });
      await flushMicrotasks();
    });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Your criticism was not posted. The chair closed or deferred that item meanwhile, so it takes no more criticism. The agenda shows where it stands.',
    );
    expect(screen.getByRole('alert')).not.toHaveTextContent('another screen');
  });

  test('a pasted criticism past the limit is kept whole, not cut, and is not posted until shortened', async () => {
    const { fake } = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    const pasted = 'The kilns stood idle for six weeks. '.repeat(217).trim();
    expect(pasted).toHaveLength(7811);
    const field = screen.getByTestId('criticism-text');
    fireEvent.change(field, { target: { value: pasted } });
    expect(field).toHaveValue(pasted);
    expect(screen.getByTestId('criticism-text-count')).toHaveTextContent('7,811 / 4,000');

    fireEvent.click(screen.getByTestId('criticism-submit'));
    await flushMicrotasks();
    expect(fake.sent.filter((m) => m.event === 'command')).toHaveLength(0);
    expect(screen.getByRole('alert')).toHaveTextContent('At most 4,000 characters fit: shorten the text by 3,811.');
    expect(field).toHaveValue(pasted);
    expect(document.activeElement).toBe(field);
  });

  test('an empty criticism is not sent', async () => {
    const { fake } = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: '   ' } });
    fireEvent.click(screen.getByTestId('criticism-submit'));
    await flushMicrotasks();
    expect(fake.sent.filter((m) => m.event === 'command')).toHaveLength(0);
    expect(screen.getByRole('alert')).toHaveTextContent('Write the criticism before posting it.');
  });

  test('rehearsal 9: a half-typed criticism is kept per participant and item through a reload, and goes once posted', async () => {
    const first = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    fireEvent.change(screen.getByLabelText('Category'), { target: { value: 'paper-only' } });
    fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: 'The kilns ran for six' } });
    first.unmount();

    // A reload: the same official on the same item finds the draft as left.
    const again = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    expect(screen.getByTestId('criticism-text')).toHaveValue('The kilns ran for six');
    expect(screen.getByLabelText('Category')).toHaveValue('paper-only');
    again.unmount();

    // Another participant in the same browser does not get it.
    const other = await renderSession(<ParticipantView role="official" />, participants.otherOfficial, floorOpen);
    expect(screen.getByTestId('criticism-text')).toHaveValue('');
    other.unmount();

    const { fake, log } = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: 'The kilns ran for six weeks only.' } });
    fireEvent.click(screen.getByTestId('criticism-submit'));
    const ask = await fake.nextAsk('command');
    await act(async () => {
      ask.answer({ ok: true, data: { seq: log.events.length + 1 } });
      await flushMicrotasks();
    });
    cleanup();
    await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    expect(screen.getByTestId('criticism-text')).toHaveValue('');
    expect(screen.getByLabelText('Category')).toHaveValue('shortfall');
  });

  test('rehearsal 9: a draft is kept while its post is refused, and belongs to its item only', async () => {
    const first = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: 'Deliveries were late.' } });
    fireEvent.click(screen.getByTestId('criticism-submit'));
    const ask = await first.fake.nextAsk('command');
    await act(async () => {
      ask.answer({ ok: false, error: { code: 'CONFLICT', message: 'item is not open for criticism' } });
      await flushMicrotasks();
    });
    first.unmount();
    await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    expect(screen.getByTestId('criticism-text')).toHaveValue('Deliveries were late.');
    cleanup();

    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      log.add('agenda:item-started', { itemId: ids.itemTwo, startedAt: instant(100) });
    });
    expect(screen.getByTestId('criticism-text')).toHaveValue('');
  });

  test('an item closed while a criticism is being written leaves a note with the unsent text, kept until discarded', async () => {
    const first = await renderSession(<ParticipantView role="official" />, participants.official, floorOpen);
    fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: 'The kilns stood idle for six' } });
    first.broadcast(first.log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) }));

    expect(screen.queryByTestId('criticism-form')).not.toBeInTheDocument();
    const note = screen.getByTestId(`unsent-draft-${ids.itemOne}`);
    expect(note).toHaveTextContent(
      'The item “North County Cement Works — Cement output, Q1” was closed while you were writing; your criticism was not posted.',
    );
    const kept = within(note).getByLabelText('Your unsent text');
    expect(kept).toHaveValue('The kilns stood idle for six');
    expect(kept).toHaveAttribute('readonly');
    // No item on the floor to take it: discarding is the only way offered.
    expect(
      within(note)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['Discard this text']);
    first.unmount();

    // A reload finds it again: nothing goes until the official chooses so.
    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      floorOpen(log);
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) });
    });
    fireEvent.click(
      within(screen.getByTestId(`unsent-draft-${ids.itemOne}`)).getByRole('button', { name: 'Discard this text' }),
    );
    expect(screen.queryByTestId(`unsent-draft-${ids.itemOne}`)).not.toBeInTheDocument();
    cleanup();

    await renderSession(<ParticipantView role="official" />, participants.official, (log) => {
      floorOpen(log);
      log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) });
    });
    expect(screen.queryByTestId(`unsent-draft-${ids.itemOne}`)).not.toBeInTheDocument();
  });

  test('the unsent text of a closed item may be carried into the form of the item now on the floor', async () => {
    await unsentAsTheNextItemStarts();
    fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: 'Milk was short.' } });

    const note = screen.getByTestId(`unsent-draft-${ids.itemOne}`);
    expect(screen.getByTestId('criticism-form').parentElement).toContainElement(note);
    fireEvent.click(within(note).getByRole('button', { name: 'Move it into the form below' }));

    expect(screen.queryByTestId(`unsent-draft-${ids.itemOne}`)).not.toBeInTheDocument();
    // What was typed for the new item stays; the carried text follows it.
    expect(screen.getByTestId('criticism-text')).toHaveValue('Milk was short.\n\nThe kilns stood idle for six');
    expect(screen.getByTestId('criticism-text')).toHaveFocus();
    cleanup();

    // Carried, not copied: the closed item keeps no draft, the new one has it.
    await renderSession(<ParticipantView role="official" />, participants.official, (again) => {
      floorOpen(again);
      again.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) });
      again.add('agenda:item-started', { itemId: ids.itemTwo, startedAt: instant(1000) });
    });
    expect(screen.queryByTestId(`unsent-draft-${ids.itemOne}`)).not.toBeInTheDocument();
    expect(screen.getByTestId('criticism-text')).toHaveValue('Milk was short.\n\nThe kilns stood idle for six');
  });

  test('the unsent text is read from storage when an item closes, not again on every timer event', async () => {
    const { broadcast, log } = await unsentAsTheNextItemStarts();
    const reads = vi.spyOn(window.localStorage, 'getItem');
    onTestFinished(() => reads.mockRestore());
    broadcast(
      log.add('agenda:timer-paused', { itemId: ids.itemTwo, at: instant(1100) }),
      log.add('agenda:timer-resumed', { itemId: ids.itemTwo, at: instant(1200) }),
    );
    broadcast(log.add('agenda:time-extended', { itemId: ids.itemTwo, minutes: 5 }));
    expect(reads.mock.calls.filter(([key]) => key.endsWith(`:${ids.itemOne}`))).toEqual([]);
    expect(screen.getByTestId(`unsent-draft-${ids.itemOne}`)).toBeInTheDocument();
  });

  test('the chair’s own unsent criticism is kept the same way when the chair closes its item', async () => {
    const { broadcast, log } = await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    fireEvent.change(screen.getByTestId('criticism-text'), { target: { value: 'Ask the county for its ledger' } });
    broadcast(log.add('agenda:item-closed', { itemId: ids.itemOne, closedAt: instant(900) }));
    const note = screen.getByTestId(`unsent-draft-${ids.itemOne}`);
    expect(within(note).getByLabelText('Your unsent text')).toHaveValue('Ask the county for its ledger');
  });

  test('rehearsal 9: the chair’s own criticism form is folded under its heading until opened', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    const form = screen.getByTestId('criticism-form');
    expect(form.closest('details')).not.toBeNull();
    expect(form.closest('details')).not.toHaveAttribute('open');
    // The criticism to rule on comes before the figures and the form.
    const list = screen.getByTestId('criticism-list');
    expect(
      list.compareDocumentPosition(screen.getByTestId('report-figures')) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });
});
