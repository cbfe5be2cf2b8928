import {
  CreateWebhookBodySchema,
  NameSchema,
  PeriodSchema,
  PlannedSchema,
  QuantitySchema,
  TextSchema,
  issueOf,
  schemaMessages,
  type Issue,
} from '@plenum/shared';
import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { changeLanguage, i18n } from '../i18n';
import { issueInWords } from './issueWords';

/** The first issue a schema finds in `value`, as the protocol carries it. */
function issueFrom(schema: z.ZodType, value: unknown): Issue {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected a refusal');
  return issueOf(parsed.error.issues[0]!);
}

afterEach(() => changeLanguage('en', { persist: false }));

describe('a refused field in the reader’s language', () => {
  test('the schemas’ own messages and zod’s generic checks are said in Korean on a Korean page', async () => {
    await changeLanguage('ko', { persist: false });
    expect(issueInWords(issueFrom(NameSchema, 'x'.repeat(500)))).toBe('200자 이하여야 합니다');
    expect(issueInWords(issueFrom(NameSchema, '   '))).toBe('필수 항목입니다');
    expect(issueInWords(issueFrom(TextSchema, '\u200b'))).toBe('보이는 글자가 있어야 합니다');
    expect(issueInWords(issueFrom(PeriodSchema, '1999-Q1'))).toBe('2000년부터 2100년까지의 연도여야 합니다');
    expect(issueInWords(issueFrom(QuantitySchema, -1))).toBe('음수일 수 없습니다');
    expect(issueInWords(issueFrom(QuantitySchema, 'many'))).toBe('숫자여야 합니다');
    expect(issueInWords(issueFrom(PlannedSchema, 1e16))).toBe('1,000,000,000,000,000 이하여야 합니다');
    expect(issueInWords(issueFrom(z.email(), 'not an address'))).toBe('올바른 이메일 주소가 아닙니다');
    expect(issueInWords(issueFrom(CreateWebhookBodySchema, { url: 'https://a.example/hook', eventTypes: [] }))).toBe(
      '이벤트를 하나 이상 고르십시오',
    );
  });

  test('in English the words are the page’s, with the limits they name', () => {
    expect(issueInWords(issueFrom(NameSchema, 'x'.repeat(500)))).toBe('at most 200 characters');
    expect(issueInWords(issueFrom(PlannedSchema, 0))).toBe('more than 0: at least 0.000001');
    expect(issueInWords(issueFrom(z.number().int(), 1.5))).toBe('a whole number');
  });

  test('every message of the schemas has words in every language', () => {
    for (const language of ['en', 'ko']) {
      for (const key of Object.keys(schemaMessages)) {
        expect(i18n.exists(`refusal.schema.own.${key}`, { lng: language }), `${language}: ${key}`).toBe(true);
      }
    }
  });

  test('words from elsewhere (a domain’s, a server that sends no reason) are shown as sent', async () => {
    await changeLanguage('ko', { persist: false });
    expect(issueInWords({ path: 'dueDate', message: 'after the session closes' })).toBe('after the session closes');
  });
});
