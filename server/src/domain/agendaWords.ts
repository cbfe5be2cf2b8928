import type { NotificationLanguage } from '@plenum/shared';
import { serverWords } from '../lib/serverWords.js';
import en from './locales/en.json' with { type: 'json' };
import ko from './locales/ko.json' with { type: 'json' };

const instance = serverWords(en, ko);

/** The topics of the agenda items the server proposes, in the language the session is convened in. */
export interface AgendaWords {
  opening: string;
  /** A warning's second review: the unit and the period it was warned in. */
  secondReview(unit: string, period: string): string;
  /** A unit's plan and results. */
  report(unit: string): string;
  /** A unit brought down a level by a higher review: warned there, or owing its directives. */
  cascaded(unit: string, warned: boolean, organisation: string, period: string): string;
}

export function agendaWords(language: NotificationLanguage): AgendaWords {
  const t = instance.getFixedT(language);
  return {
    opening: t('agenda.opening'),
    secondReview: (unit, period) => t('agenda.secondReview', { unit, period }),
    report: (unit) => t('agenda.report', { unit }),
    cascaded: (unit, warned, organisation, period) =>
      t(warned ? 'agenda.cascadeWarned' : 'agenda.cascadeDirectives', { unit, organisation, period }),
  };
}
