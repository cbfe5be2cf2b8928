import {
  agendaTopic,
  generatedTopicText,
  type AgendaItemDefinition,
  type AgendaTopicWords,
  type GeneratedTopic,
  type NotificationLanguage,
} from '@plenum/shared';
import { serverWords } from '../lib/serverWords.js';

// The topics' words are the terms of shared, which the screens word them with too.
const instance = serverWords({}, {});

function wordsIn(language: NotificationLanguage): AgendaTopicWords {
  const t = instance.getFixedT(language);
  return (key, values) => t(key, values);
}

/** An agenda item's topic in `language`: one the system wrote worded in it, one typed as typed. */
export function agendaTopicIn(
  item: Pick<AgendaItemDefinition, 'topic' | 'generatedTopic'>,
  language: NotificationLanguage,
): string {
  return agendaTopic(item, wordsIn(language));
}

/**
 * The topic of an item the system proposes: kept as what it is worded from, so each reader reads
 * it in their language, and as text in the convener's `language` for what reads only the text.
 */
export function proposedTopic(
  generatedTopic: GeneratedTopic,
  language: NotificationLanguage,
): { topic: string; generatedTopic: GeneratedTopic } {
  return { topic: generatedTopicText(generatedTopic, wordsIn(language)), generatedTopic };
}
