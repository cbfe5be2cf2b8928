import { describe, expect, test } from 'vitest';
import { newEvent, type GeneratedTopic, type NewEvent } from '../protocol/index.js';
import { created, logOf } from '../test/eventLog.js';
import en from '../terms/en.json' with { type: 'json' };
import ko from '../terms/ko.json' with { type: 'json' };
import { agendaTopic, type AgendaTopicWords } from './agendaTopic.js';
import { foldEvents } from './reducer.js';
import { emptySessionState } from './state.js';

/** The terms' words filled in as i18next fills them, for a test that runs without it. */
function wordsOf(terms: Pick<typeof en, 'agendaTopic'>): AgendaTopicWords {
  return (key, values) => {
    const text = terms.agendaTopic[key.slice('agendaTopic.'.length) as keyof typeof en.agendaTopic];
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: keyof typeof values) => values[name] ?? '');
  };
}
const english = wordsOf(en);
const korean = wordsOf(ko);

const secondReview: GeneratedTopic = { kind: 'second-review', unit: 'South County Dairy', period: '2026-Q1' };
const proposed = (
  generatedTopic: GeneratedTopic | undefined,
  topic = 'Second review: South County Dairy (warned in 2026-Q1)',
) =>
  newEvent('agenda:item-added', {
    item: { id: 'i1', dayId: 'd1', unitId: 'dairy', topic, plannedMinutes: 15, warningId: null, generatedTopic },
    order: 0,
  });
const itemAfter = (...events: NewEvent[]) =>
  foldEvents(emptySessionState('s1'), logOf([created, ...events])).agenda.i1!;
const update = (topic?: string) =>
  newEvent('agenda:item-updated', { itemId: 'i1', unitId: 'dairy', kind: 'second-review', topic, plannedMinutes: 20 });

describe('a topic the system wrote is read in the reader’s language', () => {
  test('each kind, in English and in Korean', () => {
    const topics: GeneratedTopic[] = [
      { kind: 'opening' },
      { kind: 'report', unit: 'Eastfield Cement Plant' },
      secondReview,
      { kind: 'cascaded', unit: 'Mine', warned: true, organisation: 'North Province', period: '2026-Q1' },
      { kind: 'cascaded', unit: 'Mine', warned: false, organisation: 'North Province', period: '2026-Q1' },
    ];
    const read = (words: AgendaTopicWords) =>
      topics.map((generatedTopic) => agendaTopic({ topic: '-', generatedTopic }, words));
    expect(read(english)).toEqual([
      'Opening',
      'Eastfield Cement Plant — plan and results',
      'Second review: South County Dairy (warned in 2026-Q1)',
      "Mine — warned at North Province's review of 2026-Q1",
      "Mine — directives at North Province's review of 2026-Q1",
    ]);
    expect(read(korean)).toEqual([
      '개회',
      'Eastfield Cement Plant — 계획과 실적',
      '재검토: South County Dairy (2026-Q1 경고)',
      'Mine — North Province 2026-Q1 검토 회의에서 경고',
      'Mine — North Province 2026-Q1 검토 회의의 지시',
    ]);
  });

  test('a typed topic, and an older log’s, reads as stored in every language', () => {
    expect(agendaTopic({ topic: 'Housekeeping', generatedTopic: null }, korean)).toBe('Housekeeping');
    expect(agendaTopic(itemAfter(proposed(undefined)), korean)).toBe(
      'Second review: South County Dairy (warned in 2026-Q1)',
    );
  });

  test('an edit that leaves the topic keeps it generated; the chair’s text replaces it', () => {
    expect(agendaTopic(itemAfter(proposed(secondReview)), korean)).toBe('재검토: South County Dairy (2026-Q1 경고)');
    const kept = itemAfter(proposed(secondReview), update());
    expect(kept.plannedMinutes).toBe(20);
    expect(agendaTopic(kept, korean)).toBe('재검토: South County Dairy (2026-Q1 경고)');
    const typed = itemAfter(proposed(secondReview), update('Dairy: the second look'));
    expect(typed.generatedTopic).toBeNull();
    expect(agendaTopic(typed, korean)).toBe('Dairy: the second look');
  });

  test('an item moved to another unit names the new one in the topic the system wrote', () => {
    const unit = (id: string, name: string) =>
      newEvent('unit:added', {
        unit: {
          id,
          name,
          kind: 'enterprise',
          parentId: null,
          ownership: 'state',
          sector: 'Food',
          class: null,
          region: 'East',
        },
      });
    const report = newEvent('agenda:item-added', {
      item: {
        id: 'i1',
        dayId: 'd1',
        unitId: 'sunrise',
        topic: 'Sunrise Food Processing — plan and results',
        plannedMinutes: 15,
        warningId: null,
        kind: 'report',
        generatedTopic: { kind: 'report', unit: 'Sunrise Food Processing' },
      },
      order: 0,
    });
    const moved = itemAfter(
      unit('sunrise', 'Sunrise Food Processing'),
      unit('greenvale', 'Greenvale Textiles'),
      report,
      newEvent('agenda:item-updated', { itemId: 'i1', unitId: 'greenvale', kind: 'report', plannedMinutes: 15 }),
    );
    expect(agendaTopic(moved, english)).toBe('Greenvale Textiles — plan and results');
    expect(agendaTopic(moved, korean)).toBe('Greenvale Textiles — 계획과 실적');
    expect(moved.topic).toBe('Greenvale Textiles — plan and results');
  });

  test('a second review is named alike as a kind of item and in its topic, in each language', () => {
    for (const [terms, words] of [
      [en, english],
      [ko, korean],
    ] as const) {
      const title = agendaTopic({ topic: '-', generatedTopic: secondReview }, words);
      expect(title.split(':')[0]).toBe(terms.labels.itemKind['second-review']);
    }
  });

  test('a deferred item’s continuation keeps the topic as it was written', () => {
    const state = foldEvents(
      emptySessionState('s1'),
      logOf([
        created,
        proposed(secondReview),
        newEvent('agenda:item-deferred', { itemId: 'i1', toDayId: 'd2', newItemId: 'i2' }),
      ]),
    );
    expect(agendaTopic(state.agenda.i2!, korean)).toBe('재검토: South County Dairy (2026-Q1 경고)');
  });
});
