import { agendaTopic, type AgendaItemDefinition } from '@plenum/shared';
import type { TFunction } from 'i18next';

/** The separators a topic may put after the unit's name: "Eastfield Cement Plant — plan and results". */
const afterUnit = /^\s*[—–:-]\s*/;

/**
 * An agenda item's topic as said after its unit's name: without the name when the topic starts
 * with it ("Eastfield Cement Plant — plan and results" → "plan and results"), so a line that
 * names the unit does not repeat it. Otherwise the topic as written.
 */
export function topicAfterUnit(topic: string, unitName: string | null): string {
  if (!unitName || !topic.startsWith(unitName)) return topic;
  const rest = topic.slice(unitName.length);
  if (!afterUnit.test(rest)) return topic;
  const stripped = rest.replace(afterUnit, '');
  return stripped === '' ? topic : stripped;
}

/**
 * An agenda item in one line: "unit — topic", or the topic alone when it already names the
 * unit ("Eastfield Cement Plant — plan and results", "Second review: Eastfield Cement Plant")
 * or is a general topic.
 */
export function itemTitle(topic: string, unitName: string | null): string {
  if (!unitName || topic.includes(unitName)) return topic;
  return `${unitName} — ${topic}`;
}

type TopicOf = Pick<AgendaItemDefinition, 'topic' | 'generatedTopic'>;

/** An item's topic in the language of `t`: one the system wrote worded in it, one typed as typed. */
export function topicIn(t: TFunction, item: TopicOf): string {
  return agendaTopic(item, (key, values) => t(key, values));
}
