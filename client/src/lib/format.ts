// `undefined` locale: the browser's own, until the UI is translated.
const figureFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
const percentFormat = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});

/** A report figure, e.g. `12,500.5`. */
export function formatFigure(value: number): string {
  return figureFormat.format(value);
}

/** A share such as fulfilment, e.g. `87.5%`; a dash when there is none. */
export function formatPercent(ratio: number | null): string {
  return ratio === null ? '—' : percentFormat.format(ratio);
}

/** The local time of an instant, e.g. `09:42`. */
export function formatTime(instant: string): string {
  return timeFormat.format(new Date(instant));
}

/** A calendar date (`YYYY-MM-DD`), e.g. `Wednesday, 1 April`. */
export function formatDate(date: string): string {
  return dateFormat.format(new Date(`${date}T00:00:00Z`));
}

/** The first words of a text, for announcements and labels. */
export function excerpt(text: string, maxLength = 120): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1).trimEnd()}…`;
}

/** Today's date on this device, `YYYY-MM-DD`, e.g. for a notice published now. */
export function todayIsoDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
