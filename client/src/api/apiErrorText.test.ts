import { describe, expect, test } from 'vitest';
import { i18n } from '../i18n';
import { errorMessage } from '../lib/errorCodeMessage';
import { apiErrorText } from './apiErrorText';
import { ApiError } from './request';

const administrator = { link: 'administrator', withIssues: false } as const;
const invite = { link: 'invite', withIssues: true } as const;
const refused = new ApiError('INVALID_PAYLOAD', 'Invalid.', [{ path: 'body.name', message: 'Required' }]);

describe('a failed REST call in words', () => {
  test('a refused token sends the reader to whoever gives a new link of its kind', () => {
    const signedOut = new ApiError('UNAUTHENTICATED', 'No.');
    expect(apiErrorText(signedOut, administrator)).toBe(i18n.t('errors.revokedFor.administrator'));
    expect(apiErrorText(signedOut, invite)).toBe(errorMessage('UNAUTHENTICATED'));
  });

  test('the refused fields are named only where the form does not show them beside each field', () => {
    expect(apiErrorText(refused, administrator)).toBe(errorMessage('INVALID_PAYLOAD'));
    expect(apiErrorText(refused, invite)).toContain('Required');
  });

  test('no answer, and anything that is not a refusal of ours, each have their sentence', () => {
    expect(apiErrorText(new ApiError('NETWORK', 'Down.'), invite)).toBe(i18n.t('errors.network'));
    expect(apiErrorText(new ApiError('TEAPOT', 'Odd.'), invite)).toBe(errorMessage('INTERNAL'));
    expect(apiErrorText(new Error('boom'), administrator)).toBe(errorMessage('INTERNAL'));
  });
});
