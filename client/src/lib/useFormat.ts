import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatDate,
  formatFactor,
  formatFigure,
  formatPercent,
  formatPoints,
  formatShortDate,
  formatTime,
  formatTimeOn,
} from './format';

/** The formatters of the current language; the component re-renders when it changes. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(
    () => ({
      locale,
      figure: (value: number) => formatFigure(value, locale),
      percent: (ratio: number | null) => formatPercent(ratio, locale),
      points: (delta: number) => formatPoints(delta, locale),
      factor: (value: number) => formatFactor(value, locale),
      time: (instant: string) => formatTime(instant, locale),
      timeOn: (instant: string, date: string) => formatTimeOn(instant, date, locale),
      date: (date: string) => formatDate(date, locale),
      shortDate: (date: string) => formatShortDate(date, locale),
    }),
    [locale],
  );
}

/** The formatters `useFormat` returns. */
export type Formatters = ReturnType<typeof useFormat>;
