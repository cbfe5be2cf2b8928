import type { TFunction } from 'i18next';
import { serverWords } from '../lib/serverWords.js';
import en from './locales/en.json' with { type: 'json' };
import ko from './locales/ko.json' with { type: 'json' };

/** The languages records are written in; the first is the default. */
export const recordLanguages = ['en', 'ko'] as const;
export type RecordLanguage = (typeof recordLanguages)[number];

const instance = serverWords(en, ko);

/** Words and number formats of one language, for the record builders. */
export interface RecordWords {
  lang: RecordLanguage;
  t: TFunction;
  /** A report figure, e.g. `12,500.5`. */
  figure(value: number): string;
  /** A share such as fulfilment, e.g. `87.5%`; a dash when there is none. */
  percent(ratio: number | null): string;
  /** A factor, e.g. `1.65`. */
  factor(value: number): string;
  /** An instant as `YYYY-MM-DD HH:MM` in UTC: a record is read far from the room. */
  instant(at: string): string;
  /** The time of day of an instant, `HH:MM` UTC. */
  time(at: string): string;
  /** A length of time as minutes and seconds, e.g. `2:25`, as the minutes on screen write it. */
  duration(ms: number): string;
}

/** The words of `lang`: i18next's translator fixed to it, and the locale's number formats. */
export function recordWords(lang: RecordLanguage): RecordWords {
  const figure = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
  const instant = (at: string) => `${at.slice(0, 10)} ${at.slice(11, 16)}`;
  return {
    lang,
    t: instance.getFixedT(lang),
    figure: (value) => figure.format(value),
    percent: (ratio) => (ratio === null ? '—' : percent.format(ratio)),
    factor: (value) => figure.format(value),
    instant: (at) => instant(new Date(at).toISOString()),
    time: (at) => new Date(at).toISOString().slice(11, 16),
    duration: (ms) => {
      const total = Math.max(0, Math.round(ms / 1000));
      return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
    },
  };
}
