import type { AgendaItemDefinition, GeneratedTopic } from '../protocol/index.js';
import type { Terms } from '../terms/index.js';

/** A key of the words a generated topic is worded with, in the terms. */
export type AgendaTopicKey = `agendaTopic.${keyof Terms['agendaTopic']}`;

/** What a generated topic's words are filled in with; a type alias, as i18next's `t` takes it and not an interface. */
export type AgendaTopicValues = { unit?: string; period?: string; organisation?: string };

/**
 * The words of one language, as i18next's `t` over the terms gives them: the screens' in the
 * reader's language, the records' in theirs.
 */
export type AgendaTopicWords = (key: AgendaTopicKey, values: AgendaTopicValues) => string;

/**
 * An agenda item's topic for a reader: one the system wrote, worded in `words`' language from
 * what it was written from; one the chair typed (or an older log's), as it is stored.
 * @example
 * agendaTopic(item, (key, values) => t(key, values)); // "남부 낙농 — 계획과 실적"
 */
export function agendaTopic(
  item: Pick<AgendaItemDefinition, 'topic' | 'generatedTopic'>,
  words: AgendaTopicWords,
): string {
  return item.generatedTopic ? generatedTopicText(item.generatedTopic, words) : item.topic;
}

/** A topic the system writes, worded in `words`' language. */
export function generatedTopicText(generated: GeneratedTopic, words: AgendaTopicWords): string {
  switch (generated.kind) {
    case 'opening':
      return words('agendaTopic.opening', {});
    case 'report':
      return words('agendaTopic.report', { unit: generated.unit });
    case 'second-review':
      return words('agendaTopic.secondReview', { unit: generated.unit, period: generated.period });
    case 'cascaded': {
      const { unit, organisation, period } = generated;
      return words(generated.warned ? 'agendaTopic.cascadeWarned' : 'agendaTopic.cascadeDirectives', {
        unit,
        organisation,
        period,
      });
    }
  }
}
