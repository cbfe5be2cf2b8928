import { describe, expect, test } from 'vitest';
import { itemTitle, topicAfterUnit } from './itemTitle';

describe('agenda item titles', () => {
  test('rehearsal 8: a topic that starts with the unit is not prefixed with the unit again', () => {
    expect(itemTitle('Eastfield Cement Plant — plan and results', 'Eastfield Cement Plant')).toBe(
      'Eastfield Cement Plant — plan and results',
    );
    expect(topicAfterUnit('Eastfield Cement Plant — plan and results', 'Eastfield Cement Plant')).toBe(
      'plan and results',
    );
  });

  test('a topic of its own is said after the unit; a general topic alone', () => {
    expect(itemTitle('Cement output, Q1', 'Eastfield Cement Plant')).toBe('Eastfield Cement Plant — Cement output, Q1');
    expect(itemTitle('Opening: the province plan', null)).toBe('Opening: the province plan');
    expect(itemTitle('Second review: Eastfield Cement Plant (warned in 2025-Q4)', 'Eastfield Cement Plant')).toBe(
      'Second review: Eastfield Cement Plant (warned in 2025-Q4)',
    );
    // Only a whole name followed by a separator counts, not a longer name that begins with it.
    expect(topicAfterUnit('Eastfield Cement Plants of the north', 'Eastfield Cement Plant')).toBe(
      'Eastfield Cement Plants of the north',
    );
    expect(topicAfterUnit('Eastfield Cement Plant', 'Eastfield Cement Plant')).toBe('Eastfield Cement Plant');
  });
});
