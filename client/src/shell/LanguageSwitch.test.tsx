import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, test } from 'vitest';
import { ids, participants } from '../test/events';
import { renderSession } from '../test/renderSession';
import { floorOpen } from '../test/stories';
import { ChairConsole } from '../screens/chair/ChairConsole';
import { languageStorageKey } from '../i18n';

describe('language switch', () => {
  test('switches every text to Korean, formats dates for it, and remembers the choice', async () => {
    await renderSession(<ChairConsole role="chair" />, participants.chair, floorOpen);
    expect(screen.getByRole('heading', { name: 'Agenda' })).toBeInTheDocument();
    expect(screen.getByTestId(`day-status-${ids.dayOne}`)).toHaveTextContent('Open');

    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ko' } });
    await waitFor(() => expect(screen.getByRole('heading', { name: '의제' })).toBeInTheDocument());
    expect(screen.getByTestId(`day-status-${ids.dayOne}`)).toHaveTextContent('진행 중');
    expect(screen.getByTestId(`agenda-item-${ids.itemOne}`)).toHaveTextContent('비판 진행 중');
    expect(screen.getByTestId('start-next-item')).toHaveTextContent('다음 의제 시작');
    expect(screen.getByText(/4월 1일 수요일/)).toBeInTheDocument();
    expect(screen.getByTestId('connection-status')).toHaveTextContent('실시간');
    expect(screen.getByLabelText('언어')).toHaveValue('ko');
    expect(window.localStorage.getItem(languageStorageKey)).toBe('ko');
    expect(document.documentElement.lang).toBe('ko');
  });
});
