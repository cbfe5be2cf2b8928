import { afterEach, expect, test } from 'vitest';
import { changeLanguage } from '../../i18n';
import { agendaLanguage } from './conveneDraft';

afterEach(() => changeLanguage('en', { persist: false }));

test('the agenda the server proposes is worded in the language of the page that convenes it', async () => {
  expect(agendaLanguage()).toBe('en');
  await changeLanguage('ko', { persist: false });
  expect(agendaLanguage()).toBe('ko');
});
