import { Limits } from '@plenum/shared';
import { expect, test } from 'vitest';
import { namesKeptApart, type ApiTokenName } from './apiTokenRows.js';

const live = (id: string, name: string, organisationId = 'main'): ApiTokenName => ({
  id,
  organisationId,
  name,
  revoked: false,
});

test('migration 10: the oldest keeps a repeated name, a later one takes the first number no token has', () => {
  expect(
    namesKeptApart([
      live('t1', 'Ledger'),
      live('t2', 'ledger'),
      live('t3', 'LEDGER'),
      live('t4', 'Ledger (2)'),
      { ...live('t5', 'Ledger'), revoked: true },
      live('t6', 'Ledger', 'elsewhere'),
    ]),
  ).toEqual([
    { id: 't1', name: 'Ledger' },
    { id: 't2', name: 'ledger (3)' },
    { id: 't3', name: 'LEDGER (4)' },
    { id: 't4', name: 'Ledger (2)' },
    { id: 't5', name: 'Ledger' },
    { id: 't6', name: 'Ledger' },
  ]);
});

test('migration 10: a renamed name stays within the names’ limit', () => {
  const long = 'L'.repeat(Limits.nameLength);
  const [, renamed] = namesKeptApart([live('t1', long), live('t2', long)]);
  expect(renamed!.name).toHaveLength(Limits.nameLength);
  expect(renamed!.name.endsWith(' (2)')).toBe(true);
});
