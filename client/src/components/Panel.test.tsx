import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import { Panel } from './Panel';

test('a panel is a region named by its heading, with its own classes beside the card style', () => {
  render(
    <Panel heading="Ranking" className="ranking" testId="ranking">
      <p>Rows</p>
    </Panel>,
  );
  const region = screen.getByRole('region', { name: 'Ranking' });
  expect(region).toBe(screen.getByTestId('ranking'));
  expect(region).toHaveClass('panel', 'ranking');
  expect(region).toHaveTextContent('Rows');
});

test('a panel without classes of its own is a plain card', () => {
  render(<Panel heading="Trends">{null}</Panel>);
  expect(screen.getByRole('region', { name: 'Trends' })).toHaveAttribute('class', 'panel');
});
