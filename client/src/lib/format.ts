import { currentLocale } from '../i18n';

// Intl formatters are costly to build: one per locale and style, made on first use.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(locale: string, key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const id = `n:${locale}:${key}`;
  let format = cache.get(id) as Intl.NumberFormat | undefined;
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    cache.set(id, format);
  }
  return format;
}

function dateFormat(locale: string, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `d:${locale}:${key}`;
  let format = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(id, format);
  }
  return format;
}

/**
 * Builds the formatters a live screen uses first (figures, shares, times) in `locale`. The first
 * Intl formatter of a page loads the locale's data, 50–80 ms of the main thread on a loaded
 * machine: done while the join is in flight, it is not paid by the screen's first render.
 */
export function prepareFormats(locale: string): void {
  formatFigure(0, locale);
  formatPercent(0, locale);
  formatTime(new Date(0).toISOString(), locale);
}

/** A report figure in the locale's digits and separators, e.g. `12,500.5`. */
export function formatFigure(value: number, locale: string = currentLocale()): string {
  return numberFormat(locale, 'figure', { maximumFractionDigits: 2 }).format(value);
}

/** A bound a field must keep, to its last digit: `0.000001`, `1,000,000,000,000,000`. */
export function formatLimit(value: number, locale: string = currentLocale()): string {
  return numberFormat(locale, 'limit', { maximumFractionDigits: 6 }).format(value);
}

/** A share such as fulfilment, e.g. `87.5%`; a dash when there is none. */
export function formatPercent(ratio: number | null, locale: string = currentLocale()): string {
  return ratio === null
    ? '—'
    : numberFormat(locale, 'percent', { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** A difference of two shares in percentage points with its sign, e.g. `+4.5`. */
export function formatPoints(delta: number, locale: string = currentLocale()): string {
  return numberFormat(locale, 'points', { maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(delta * 100);
}

/** A factor such as a jump against the previous period, e.g. `1.65`. */
export function formatFactor(value: number, locale: string = currentLocale()): string {
  return numberFormat(locale, 'factor', { maximumFractionDigits: 2 }).format(value);
}

/** The local time of an instant, e.g. `09:42`. */
export function formatTime(instant: string, locale: string = currentLocale()): string {
  return dateFormat(locale, 'time', { hour: '2-digit', minute: '2-digit' }).format(new Date(instant));
}

/**
 * The local time of an instant that belongs to the calendar day `date`: the time alone on that
 * day, with its own date on any other (a day opened later than it was dated), e.g. `6 Dec, 10:32`.
 */
export function formatTimeOn(instant: string, date: string, locale: string = currentLocale()): string {
  if (localIsoDate(new Date(instant)) === date) return formatTime(instant, locale);
  return dateFormat(locale, 'date-time', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(
    new Date(instant),
  );
}

/** A calendar date (`YYYY-MM-DD`), e.g. `Wednesday, 1 April`. */
export function formatDate(date: string, locale: string = currentLocale()): string {
  return dateFormat(locale, 'date', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** A short calendar date (`YYYY-MM-DD`), e.g. `1 Apr 2026`. */
export function formatShortDate(date: string, locale: string = currentLocale()): string {
  return dateFormat(locale, 'short-date', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** A length of time in minutes and seconds, e.g. `4:05`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** The first words of a text, for announcements and labels. */
export function excerpt(text: string, maxLength = 120): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}

/** The calendar date of a moment on this device's clock, `YYYY-MM-DD`. */
export function localIsoDate(moment: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

/** Today's date on this device, `YYYY-MM-DD`, e.g. for a notice published now. */
export function todayIsoDate(): string {
  return localIsoDate(new Date());
}
