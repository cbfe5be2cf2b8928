import {
  CreateWebhookBodySchema,
  NameSchema,
  PeriodSchema,
  PlannedSchema,
  QuantitySchema,
  TextSchema,
  RuleReasonSchema,
  issueOf,
  schemaMessages,
  type Issue,
  type IssueReason,
} from '@plenum/shared';
import { afterEach, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { changeLanguage, i18n } from '../i18n';
import { formatDate } from './format';
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
    expect(issueInWords(issueFrom(NameSchema, 'x'.repeat(500)))).toBe('200자 이하여야 합니다.');
    expect(issueInWords(issueFrom(NameSchema, '   '))).toBe('필수 항목입니다.');
    expect(issueInWords(issueFrom(TextSchema, '\u200b'))).toBe('보이는 글자가 있어야 합니다.');
    expect(issueInWords(issueFrom(PeriodSchema, '1999-Q1'))).toBe('2000년부터 2100년까지의 연도여야 합니다.');
    expect(issueInWords(issueFrom(QuantitySchema, -1))).toBe('음수일 수 없습니다.');
    expect(issueInWords(issueFrom(QuantitySchema, 'many'))).toBe('숫자여야 합니다.');
    expect(issueInWords(issueFrom(PlannedSchema, 1e16))).toBe('1,000,000,000,000,000 이하여야 합니다.');
    expect(issueInWords(issueFrom(z.email(), 'not an address'))).toBe('올바른 이메일 주소가 아닙니다.');
    expect(issueInWords(issueFrom(CreateWebhookBodySchema, { url: 'https://a.example/hook', eventTypes: [] }))).toBe(
      '이벤트를 하나 이상 고르십시오.',
    );
  });

  test('in English the words are the page’s, with the limits they name', () => {
    expect(issueInWords(issueFrom(NameSchema, 'x'.repeat(500)))).toBe('Use at most 200 characters.');
    expect(issueInWords(issueFrom(PlannedSchema, 0))).toBe('Enter more than 0: at least 0.000001.');
    expect(issueInWords(issueFrom(z.number().int(), 1.5))).toBe('Enter a whole number.');
  });

  test('every refusal beside a field is a whole sentence, in every language', () => {
    const sentences = (words: unknown): string[] =>
      typeof words === 'string' ? [words] : Object.values(words as object).flatMap(sentences);
    for (const language of ['en', 'ko']) {
      for (const group of ['refusal.schema', 'refusal.rule']) {
        for (const words of sentences(i18n.getResource(language, 'refusals', group))) {
          expect(words, `${language}: ${words}`).toMatch(/[.!?]$/);
          if (language === 'en') expect(words, words).toMatch(/^(\p{Lu}|\{\{)/u);
        }
      }
    }
    expect(issueInWords(issueFrom(z.url(), 'not an address'))).toBe('This is not a valid web address.');
    expect(issueInWords(issueFrom(z.number().min(1), 0))).toBe('Enter 1 or more.');
  });

  test('every message of the schemas has words in every language', () => {
    for (const language of ['en', 'ko']) {
      for (const key of Object.keys(schemaMessages)) {
        expect(i18n.exists(`refusal.schema.own.${key}`, { lng: language }), `${language}: ${key}`).toBe(true);
      }
    }
  });

  test('a domain rule’s refusal is said in Korean from its reason, with the facts it names', async () => {
    await changeLanguage('ko', { persist: false });
    const words = (reason: IssueReason) => issueInWords({ path: 'field', message: 'the server’s English', reason });
    expect(words({ code: 'after-start-time', startTime: '14:00' })).toBe('시작 시각 14:00보다 뒤여야 합니다.');
    expect(words({ code: 'not-a-session-role' })).toBe('회의에서 맡을 수 있는 역할이 아닙니다.');
    expect(words({ code: 'unknown-unit' })).toBe('이 회의에 그런 단위가 없습니다.');
    expect(words({ code: 'presenter-needs-unit' })).toBe('발표자는 단위를 대표합니다. 단위를 고르십시오.');
    expect(words({ code: 'unknown-session' })).toBe('그런 회의가 없습니다.');
    expect(words({ code: 'period-not-after-previous', previousPeriod: '2026-Q1' })).toBe(
      '이전 회의의 기간(2026-Q1)보다 뒤여야 합니다.',
    );
    expect(words({ code: 'referral-needs-recipient' })).toBe('회부할 대상을 적으십시오.');
    expect(words({ code: 'recipient-only-when-referred', ruling: 'upheld' })).toBe(
      '“인정” 판정에는 비워 두십시오. 회부할 때만 대상을 적습니다.',
    );
    expect(words({ code: 'level-convened-review' })).toBe(
      '이 검토를 소집한 단위입니다. 후속 회의는 그 아래 단위가 엽니다.',
    );
    expect(words({ code: 'no-units-below' })).toBe('후속 회의에서 다룰 하위 단위가 없습니다.');
    expect(words({ code: 'follow-up-convened', sessionId: 'follow-up-1' })).toBe(
      '이 검토의 후속 회의가 이미 소집되었습니다(follow-up-1).',
    );
  });

  test('a webhook receiver the server refuses is said in Korean beside the URL, not in the server’s English', async () => {
    await changeLanguage('ko', { persist: false });
    const message =
      'The receiver 127.0.0.1 resolves to 127.0.0.1, a loopback address; internal receivers are not allowed.';
    expect(
      issueInWords({
        path: 'url',
        message,
        reason: { code: 'receiver-internal', host: '127.0.0.1', address: '127.0.0.1', range: 'loopback' },
      }),
    ).toBe(
      '127.0.0.1는 내부 주소(127.0.0.1)입니다. 서버 운영자가 허용하지 않는 한(WEBHOOK_ALLOW_PRIVATE 또는 WEBHOOK_ALLOWED_CIDRS) 내부 수신처로는 보내지 않습니다.',
    );
    expect(
      issueInWords({
        path: 'url',
        message: 'The receiver’s host cannot be resolved: getaddrinfo ENOTFOUND nowhere.invalid',
        reason: { code: 'receiver-unresolved', host: 'nowhere.invalid' },
      }),
    ).toBe('호스트 nowhere.invalid를 찾을 수 없습니다. 주소를 확인하십시오.');
  });

  test('in English a domain rule’s refusal names its facts too', () => {
    const words = (reason: IssueReason) => issueInWords({ path: 'field', message: 'the server’s English', reason });
    expect(words({ code: 'after-start-time', startTime: '14:00' })).toBe('Choose a time after the start time, 14:00.');
    expect(words({ code: 'period-not-after-previous', previousPeriod: '2026-Q1' })).toBe(
      'Choose a period after the previous session’s, 2026-Q1.',
    );
  });

  test('the directive, token, plan, register and invitation rules are said in Korean with their facts', async () => {
    await changeLanguage('ko', { persist: false });
    const words = (reason: IssueReason) => issueInWords({ path: 'field', message: 'the server’s English', reason });
    const petra = { id: 'p-1', name: 'Petra', role: 'presenter', unitId: 'riverside-steel' } as const;
    expect(words({ code: 'due-date-past', earliest: '2026-04-12' })).toBe(
      `지난 날짜입니다. ${formatDate('2026-04-12')} 이후로 고르십시오.`,
    );
    expect(words({ code: 'not-an-inspector' })).toBe('이 회의의 검사 담당이 아닙니다. 검사 담당을 고르십시오.');
    expect(words({ code: 'expiry-not-future' })).toBe('지금보다 뒤여야 합니다.');
    expect(words({ code: 'unknown-parent', parentId: 'p' })).toBe('등록된(또는 목록 앞쪽에 있는) 단위 p가 없습니다.');
    expect(words({ code: 'retired-parent', parentId: 'p' })).toBe('상위 단위 p는 폐지되었습니다.');
    expect(words({ code: 'invited-already', participant: petra, sameBy: 'email' })).toBe(
      'Petra 님이 같은 이메일로 이미 초대되어 있습니다.',
    );
    expect(words({ code: 'same-as-earlier-entry', entry: 2, sameBy: 'name' })).toBe(
      '2번째 항목과 같은 이름, 역할, 단위입니다.',
    );
  });

  test('in English the invitation rules name the participant, the entry and what is the same', () => {
    const words = (reason: IssueReason) => issueInWords({ path: 'field', message: 'the server’s English', reason });
    const petra = { id: 'p-1', name: 'Petra', role: 'presenter', unitId: 'riverside-steel' } as const;
    expect(words({ code: 'invited-already', participant: petra, sameBy: 'name' })).toBe(
      'Petra is invited already, with the same name, role and unit.',
    );
    expect(words({ code: 'same-as-earlier-entry', entry: 1, sameBy: 'email' })).toBe(
      'This is the same e-mail as entry 1.',
    );
    expect(words({ code: 'inspector-or-office' })).toBe('Choose an inspector or an inspection office, not both.');
  });

  test('every domain rule’s reason has words in every language', () => {
    for (const language of ['en', 'ko']) {
      for (const option of RuleReasonSchema.options) {
        const code = option.shape.code.value;
        expect(i18n.exists(`refusal.rule.${code}`, { lng: language }), `${language}: ${code}`).toBe(true);
      }
    }
  });

  test('words from elsewhere (a domain’s, a server that sends no reason) are shown as sent', async () => {
    await changeLanguage('ko', { persist: false });
    expect(issueInWords({ path: 'dueDate', message: 'after the session closes' })).toBe('after the session closes');
  });
});
