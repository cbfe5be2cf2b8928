import { describe, expect, test } from 'vitest';
import { newEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import en from '../terms/en.json' with { type: 'json' };
import ko from '../terms/ko.json' with { type: 'json' };
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';
import { warningNote, type WarningNoteWords } from './warningNote.js';

/** The terms' words filled in as i18next fills them, for a test that runs without it. */
const wordsOf =
  (terms: Pick<typeof en, 'warningNote'>): WarningNoteWords =>
  (_key, { fulfilment, threshold }) =>
    terms.warningNote.standard.replace('{{fulfilment}}', fulfilment).replace('{{threshold}}', threshold);
const percent = (ratio: number | null) => (ratio === null ? '—' : `${Math.round(ratio * 100)}%`);

const issued = (note: string | null, hasStandardNote?: boolean) =>
  foldEvents(
    emptySessionState('s1'),
    logOf([
      created,
      newEvent('warning:issued', {
        warningId: 'w1',
        unitId: 'u1',
        fulfilment: 0.6,
        threshold: 0.7,
        note,
        hasStandardNote,
      }),
    ]),
  ).warnings.w1!;

describe('the standard note of a warning is read in the reader’s language', () => {
  test('left as proposed, it is worded from the fulfilment and threshold in each language', () => {
    const warning = issued('Production fulfilment of 60%, under the threshold of 70%. …', true);
    expect(warningNote(warning, wordsOf(ko), percent)).toBe(
      '생산 이행률 60%로 기준선 70%에 미달했습니다. 다음 검토 회의에서도 뒤처지면 책임 간부의 해임을 검토합니다.',
    );
    expect(warningNote(warning, wordsOf(en), percent)).toMatch(
      /^Production fulfilment of 60%, under the threshold of 70%\./,
    );
  });

  test('a typed note, an older log’s, and none read as stored', () => {
    expect(warningNote(issued('Coal at 60 % of plan.', false), wordsOf(ko), percent)).toBe('Coal at 60 % of plan.');
    expect(warningNote(issued('Coal at 60 % of plan.'), wordsOf(ko), percent)).toBe('Coal at 60 % of plan.');
    expect(warningNote(issued(null), wordsOf(ko), percent)).toBeNull();
  });
});
