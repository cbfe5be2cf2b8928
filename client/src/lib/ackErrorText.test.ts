import { afterEach, describe, expect, test, vi } from 'vitest';
import { i18n } from '../i18n';
import { ackErrorText } from './ackErrorText';
import { errorMessage } from './errorCodeMessage';
import { ackErrorMessage } from './errorMessages';

const refused = { code: 'CONFLICT', refusal: { kind: 'already-speaking' } } as const;

describe('a failed ack in words, its refusal words fetched when first needed', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('a refusal and refused fields are said in their words', async () => {
    expect(await ackErrorText(refused, 'official')).toBe(ackErrorMessage(refused, 'official'));
    expect(await ackErrorText(refused, 'official')).not.toBe(errorMessage('CONFLICT'));
    const invalid = {
      code: 'INVALID_PAYLOAD',
      issues: [{ path: 'command.payload.text', message: 'Too long' }],
    } as const;
    expect(await ackErrorText(invalid)).toBe(ackErrorMessage(invalid));
  });

  test('a failure with no reason to word says its code, fetching nothing', async () => {
    const load = vi.spyOn(i18n, 'loadNamespaces');
    expect(await ackErrorText({ code: 'TIMEOUT' })).toBe(errorMessage('TIMEOUT'));
    expect(await ackErrorText({ code: 'FORBIDDEN', issues: [] })).toBe(errorMessage('FORBIDDEN'));
    expect(load).not.toHaveBeenCalled();
  });

  test('when the words do not come, the code’s sentence stands in, never a key', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // i18next settles a namespace it could not fetch without its words…
    const hasWords = vi.spyOn(i18n, 'hasResourceBundle').mockReturnValue(false);
    expect(await ackErrorText(refused)).toBe(errorMessage('CONFLICT'));
    hasWords.mockRestore();
    // …and a chunk that cannot be fetched fails the load.
    vi.spyOn(i18n, 'loadNamespaces').mockRejectedValue(new Error('offline'));
    expect(await ackErrorText(refused)).toBe(errorMessage('CONFLICT'));
  });
});
