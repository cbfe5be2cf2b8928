import { commandPayloads, DirectiveBlockerSchema, EndorseBlockerSchema, type Refusal, type Role } from '@plenum/shared';
import { afterEach, describe, expect, test } from 'vitest';
import { changeLanguage, i18n } from '../i18n';
import { ackErrorMessage } from './errorMessages';
import { formatDate } from './format';

/** A field's name as it leads its refusal. */
const capitalised = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

describe('refusals in words', () => {
  test('rehearsal 7: a notice dated after the first day says both dates and what to change', () => {
    expect(
      ackErrorMessage({
        code: 'CONFLICT',
        refusal: {
          kind: 'notice-after-first-day',
          field: 'noticeDate',
          noticeDate: '2026-04-10',
          firstDay: '2026-04-07',
        },
      }),
    ).toBe(
      `The notice date ${formatDate('2026-04-10')} is after the first day ${formatDate('2026-04-07')}: change the notice date or the days.`,
    );
  });

  test('a day moved out of order names the dates it must fall between', () => {
    expect(
      ackErrorMessage({
        code: 'CONFLICT',
        refusal: { kind: 'day-out-of-order', field: 'date', after: '2026-04-13', before: '2026-04-15' },
      }),
    ).toBe(
      `The days stay in order: choose a date after ${formatDate('2026-04-13')} and before ${formatDate('2026-04-15')}.`,
    );
  });

  test('rehearsal 7: a floor action refused names what stands in the way', () => {
    expect(
      ackErrorMessage({
        code: 'CONFLICT',
        refusal: { kind: 'floor-blocked', blocker: 'item-live', liveItem: 'Riverside Steel Works', openDay: 'Day 1' },
      }),
    ).toBe('Close or defer “Riverside Steel Works” first: one item holds the floor at a time.');
    expect(
      ackErrorMessage({
        code: 'CONFLICT',
        refusal: { kind: 'floor-blocked', blocker: 'another-day-open', liveItem: null, openDay: 'Day 1' },
      }),
    ).toBe('Adjourn “Day 1” first: one day sits at a time.');
  });

  describe('a participant’s refusals name the real reason and what to do', () => {
    afterEach(() => changeLanguage('en', { persist: false }));
    const said = (refusal: Refusal, role: Role | null = 'official') =>
      ackErrorMessage({ code: 'CONFLICT', refusal }, role);
    const generic = ackErrorMessage({ code: 'CONFLICT' });
    const refusals: Refusal[] = [
      { kind: 'already-speaking' },
      ...EndorseBlockerSchema.options.map((blocker) => ({ kind: 'endorse-blocked' as const, blocker })),
      ...DirectiveBlockerSchema.options.map((blocker) => ({
        kind: 'directive-blocked' as const,
        blocker,
        directive: 'Explain the shortfall',
        holder: blocker === 'explanation-gone-up' ? 'Eastfield County' : null,
      })),
      { kind: 'report-not-submitted', unit: 'Eastfield County' },
    ];

    test.each(['en', 'ko'] as const)('each in its own words, in %s', async (language) => {
      await changeLanguage(language, { persist: false });
      const texts = refusals.map((refusal) => said(refusal));
      for (const text of texts) {
        expect(text).not.toBe(ackErrorMessage({ code: 'CONFLICT' }));
        expect(text).not.toMatch(/refusals\.|\{\{/);
      }
      expect(new Set(texts).size).toBe(texts.length);
    });

    test('they name the directive, the unit, and the level the explanation went to', () => {
      expect(said(refusals.find((r) => r.kind === 'report-not-submitted')!)).toBe(
        'Eastfield County has not submitted its report yet: verified values are recorded against a submitted report. Record them once it comes in.',
      );
      expect(
        said({ kind: 'directive-blocked', blocker: 'answer-under-review', directive: 'Explain', holder: null }),
      ).toMatch(/^An answer to “Explain” is already filed.*answered again only if that answer is rejected\.$/);
      expect(
        said({
          kind: 'directive-blocked',
          blocker: 'explanation-gone-up',
          directive: 'Explain',
          holder: 'Eastfield County',
        }),
      ).toMatch(/gone up to Eastfield County/);
      expect(said({ kind: 'endorse-blocked', blocker: 'own' })).not.toBe(generic);
    });

    test('an item closed meanwhile is the chair’s doing to a participant, another screen’s to the chair', () => {
      for (const blocker of ['item-not-live', 'no-live-item'] as const) {
        const refusal: Refusal = { kind: 'floor-blocked', blocker, liveItem: null, openDay: 'Day 1' };
        for (const role of ['official', 'presenter', 'inspector'] as const) {
          expect(said(refusal, role)).toMatch(/^The chair closed or deferred/);
          expect(said(refusal, role)).not.toMatch(/another screen/);
        }
        expect(said(refusal, 'chair')).toMatch(/perhaps from another screen/);
      }
    });
  });

  test('a refusal without a typed reason is explained by its code, without claiming the session moved on', () => {
    expect(ackErrorMessage({ code: 'CONFLICT' })).not.toMatch(/moved on/);
    expect(ackErrorMessage({ code: 'FORBIDDEN' })).toBe('Your role in this review session does not allow this.');
  });

  describe('the fields the preparation sends are named as its forms label them', () => {
    afterEach(() => changeLanguage('en', { persist: false }));
    const refused = (...paths: string[]) =>
      ackErrorMessage({
        code: 'INVALID_PAYLOAD',
        issues: paths.map((path) => ({ path, message: 'after 14:00' })),
      });

    test.each([
      ['command.payload.plannedEnd', 'planned end'],
      ['command.payload.startTime', 'start time'],
      ['command.payload.date', 'date'],
      ['command.payload.conferenceLink', 'conference link'],
      ['command.payload.thresholds.warningBelow', 'warning level'],
      ['command.payload.thresholds.reportingGap', 'reporting-gap level'],
      ['command.payload.plannedMinutes', 'timebox'],
      ['command.payload.noticeDate', 'notice date'],
      ['body.email', 'e-mail'],
      ['body.unitId', 'unit'],
      ['body.role', 'role'],
      ['body.expiresAt', 'link expiry'],
    ])('%s is “%s”', (path, name) => {
      expect(refused(path)).toMatch(new RegExp(`Change these fields\\. ${capitalised(name)}: after 14:00$`));
    });

    test('in Korean too', async () => {
      await changeLanguage('ko', { persist: false });
      expect(refused('command.payload.plannedEnd', 'command.payload.conferenceLink')).toMatch(
        /다음 항목을 고치십시오\. 종료 예정 시각: after 14:00 화상회의 링크: after 14:00$/,
      );
    });
  });

  describe('the fields a directive is issued with are named, not by their protocol names', () => {
    afterEach(() => changeLanguage('en', { persist: false }));
    const refused = (path: string) =>
      ackErrorMessage({ code: 'INVALID_PAYLOAD', issues: [{ path, message: 'refused' }] });
    const directiveFields = Object.keys(commandPayloads['directive:issue'].shape);

    test.each([
      ['command.payload.assigneeUnitId', 'assignee unit'],
      ['command.payload.subjectUnitId', 'inspected unit'],
      ['inspectorId', 'inspector'],
      ['command.payload.fromCriticismId', 'criticism'],
      ['command.payload.itemId', 'agenda item'],
    ])('%s is “%s”', (path, name) => {
      expect(refused(path)).toMatch(new RegExp(`Change these fields\\. ${capitalised(name)}: refused$`));
    });

    test.each(['en', 'ko'] as const)('every one of them in %s', async (language) => {
      await changeLanguage(language, { persist: false });
      for (const field of directiveFields) {
        const name: unknown = i18n.getResource(language, 'refusals', `refusal.fieldName.${field}`);
        expect(name, field).toEqual(expect.any(String));
        expect(refused(`command.payload.${field}`), field).toContain(capitalised(name as string));
      }
    });
  });
});
