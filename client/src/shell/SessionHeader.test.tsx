import { screen } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { instant, participants } from '../test/events';
import { renderSession } from '../test/renderSession';
import { SessionHeader } from './SessionHeader';

const conferenceLink = 'https://meet.example.org/north-q1';

describe('the session header', () => {
  test('offers the call while the session is open, and not once it is closed', async () => {
    const open = await renderSession(<SessionHeader />, participants.official, (log) => {
      log.add('session:configured', { conferenceLink });
    });
    expect(screen.getByRole('link', { name: 'Join the call' })).toHaveAttribute('href', conferenceLink);
    open.unmount();

    await renderSession(<SessionHeader />, participants.official, (log) => {
      log.add('session:configured', { conferenceLink });
      log.add('session:closed', { at: instant(5000) });
    });
    expect(screen.getByTestId('session-status')).toHaveTextContent('Closed');
    expect(screen.queryByRole('link', { name: 'Join the call' })).toBeNull();
  });
});
