import { dayTimebox, itemsOfDay, type AgendaItemState, type SessionState } from '@plenum/shared';
import { createEvents, type DateArray, type EventAttributes } from 'ics';
import { dayInScope, type RecordsScope } from './access.js';
import { dayNumber, itemTitle } from './facts.js';
import { recordWords, type RecordWords } from './i18n.js';

/** `YYYY-MM-DD` and an optional `HH:MM` as the ics library's date array. */
function dateArray(date: string, time?: string | null): DateArray {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (!time) return [y, m, d];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return [y, m, d, h, min];
}

/** The day after `date`, for an all-day event's exclusive end. */
function nextDay(date: string): DateArray {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return dateArray(next);
}

function agendaLines(words: RecordWords, state: SessionState, items: AgendaItemState[]): string[] {
  return items.map((item) => `${itemsOfDay(state, item.dayId).indexOf(item) + 1}. ${itemTitle(words, state, item)}`);
}

/**
 * The session's days as an iCalendar file: one event per day, timed in the organisation's local
 * time when the day has a start (ending at its planned end, or after its items' timeboxes),
 * else all day; the description lists the day's agenda (a presenter's unit's items first) and
 * the conference link. `stamp` is the file's DTSTAMP (the server's clock).
 */
export function sessionCalendar(state: SessionState, scope: RecordsScope, stamp: Date): string {
  const definition = state.definition;
  if (definition === null) throw new Error(`session ${state.sessionId} has no definition`);
  const words = recordWords(scope.lang);
  const { t } = words;
  const events = definition.days
    .filter((day) => dayInScope(scope, day.id))
    .map((day): EventAttributes & { timestamp: number } => {
      const items = itemsOfDay(state, day.id).filter((item) => item.status !== 'deferred');
      const own = scope.unitId === null ? [] : items.filter((item) => item.unitId === scope.unitId);
      const others = items.filter((item) => !own.includes(item));
      const description = [
        ...(own.length > 0
          ? [`${t('calendar.yourItems')}:`, ...agendaLines(words, state, own), '', `${t('calendar.otherItems')}:`]
          : [`${t('calendar.agenda')}:`]),
        ...(others.length > 0 || own.length > 0 ? agendaLines(words, state, others) : [t('calendar.noItems')]),
        ...(definition.conferenceLink ? ['', t('calendar.join', { link: definition.conferenceLink })] : []),
      ].join('\n');
      const common = {
        uid: `${state.sessionId}-${day.id}@plenum`,
        title: t('calendar.event', { title: definition.title, number: dayNumber(state, day.id), theme: day.title }),
        description,
        ...(definition.conferenceLink ? { location: definition.conferenceLink, url: definition.conferenceLink } : {}),
        productId: 'plenum',
        calName: definition.title,
        timestamp: stamp.getTime(),
      };
      if (!day.startTime) return { ...common, start: dateArray(day.date), end: nextDay(day.date) };
      const floating = {
        startInputType: 'local',
        startOutputType: 'local',
        endInputType: 'local',
        endOutputType: 'local',
      } as const;
      return day.plannedEnd
        ? {
            ...common,
            ...floating,
            start: dateArray(day.date, day.startTime),
            end: dateArray(day.date, day.plannedEnd),
          }
        : {
            ...common,
            ...floating,
            start: dateArray(day.date, day.startTime),
            duration: { minutes: Math.max(60, dayTimebox(state, day.id).totalMinutes) },
          };
    });
  const { error, value } = createEvents(events);
  if (error || value === null) throw error ?? new Error('the calendar could not be written');
  return value;
}
