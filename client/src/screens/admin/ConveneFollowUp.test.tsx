import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { changeLanguage } from '../../i18n';
import { issueInWords } from '../../lib/issueWords';
import { renderAdmin } from './testing/renderAdmin';
import { refused } from './testing/stubServer';

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

const followedUp = refused(409, 'CONFLICT', {
  issues: [
    {
      path: 'session.previousSessionId',
      message: 'followed up already',
      reason: { code: 'already-followed-up', sessionId: 'q2-2026', title: 'Second-quarter review', period: '2026-Q2' },
    },
  ],
});

async function conveneRefused() {
  await renderAdmin({ 'POST /api/sessions': followedUp });
  fireEvent.click(await screen.findByRole('button', { name: 'Convene a review…' }));
  type('Title', 'Another second-quarter review');
  type('Day 1: date', '2026-07-06');
  type('Day 1: theme', 'Industry and energy');
  type('Day 1: start time', '09:00');
  type('Day 1: planned end', '17:00');
  type("Chair's name", 'Kim Minho');
  fireEvent.click(screen.getByRole('button', { name: 'Convene' }));
}

describe('convening a follow-up of a review followed up already', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-15T10:00:00'));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  test('says beside the previous session which review follows it up', async () => {
    await conveneRefused();
    const field = screen.getByTestId('convene-previous').closest('fieldset')!;
    await waitFor(() =>
      expect(field).toHaveTextContent(
        'already followed up by Second-quarter review (2026-Q2): a review is followed up once',
      ),
    );
  });

  test('in Korean, the same reason is said in Korean', async () => {
    await changeLanguage('ko', { persist: false });
    try {
      expect(
        issueInWords({
          path: 'session.previousSessionId',
          message: 'followed up already',
          reason: { code: 'already-followed-up', sessionId: 'q2-2026', title: '2분기 검토', period: '2026-Q2' },
        }),
      ).toContain('이미 2분기 검토(2026-Q2)에서 후속 검토하고 있습니다');
    } finally {
      await changeLanguage('en', { persist: false });
    }
  });
});
