import type { Trends } from '@plenum/shared';
import { render, screen } from '@testing-library/react';
import { describe, expect, test, vi } from 'vitest';
import { ApiError } from '../../api/request';
import type { ApiData } from '../../lib/useApiData';
import { useTrends } from './trendsApi';
import UnitHistory from './UnitHistory';

vi.mock('./trendsApi', () => ({ useTrends: vi.fn() }));
const trends = vi.mocked(useTrends);

describe('the history tab', () => {
  test('keeps the page margin while loading', () => {
    trends.mockReturnValue({ state: 'loading', reload: vi.fn() } satisfies ApiData<Trends>);
    render(<UnitHistory />);
    expect(screen.getByText('Loading…').closest('.unit-history')).not.toBeNull();
  });

  test('keeps the page margin when the trends cannot be read', () => {
    trends.mockReturnValue({
      state: 'failed',
      error: new ApiError('NETWORK', 'offline'),
      reload: vi.fn(),
    } satisfies ApiData<Trends>);
    render(<UnitHistory />);
    expect(screen.getByRole('alert').closest('.unit-history')).not.toBeNull();
  });

  test('says the warnings heading once, and names the warnings table by it', () => {
    trends.mockReturnValue({
      state: 'loaded',
      data: {
        sessionId: 's-1',
        organisation: 'Province',
        periods: [],
        units: [],
        warnings: [{ sessionId: 's-0', period: '2025-Q4', issued: 2, carried: 0, lifted: 1, escalated: 0, waived: 0 }],
      },
      reload: vi.fn(),
    } satisfies ApiData<Trends>);
    render(<UnitHistory />);
    const panel = screen.getByTestId('history-warnings');
    expect(panel.textContent?.match(/Warnings quarter by quarter/g)).toHaveLength(1);
    expect(screen.getByRole('table', { name: 'Warnings quarter by quarter' })).toBeInTheDocument();
  });
});
