import { Limits } from '@plenum/shared';
import { expect, test } from 'vitest';
import { maxCriticismLength } from './limits';

test('the client limit on criticism text is the protocol limit', () => {
  expect(maxCriticismLength).toBe(Limits.textLength);
});
