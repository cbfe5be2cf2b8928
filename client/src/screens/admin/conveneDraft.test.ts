import { afterEach, expect, test } from 'vitest';
import { changeLanguage } from '../../i18n';
import { conveneBody, initialDraft } from './conveneDraft';
import { followUpBody, initialFollowUp } from './followUpDraft';

afterEach(() => changeLanguage('en', { persist: false }));

test('the agenda the server proposes is worded in the language of the page that convenes it', async () => {
  const languages = () => [
    conveneBody(initialDraft([], null, new Date()), 'org').language,
    followUpBody(initialFollowUp()).language,
  ];
  expect(languages()).toEqual(['en', 'en']);
  await changeLanguage('ko', { persist: false });
  expect(languages()).toEqual(['ko', 'ko']);
});
