import {
  dayById,
  dayTitle,
  type AgendaItemState,
  type Amendment,
  type EventType,
  type SessionState,
} from '@plenum/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localIsoDate } from '../../lib/format';
import { topicIn } from '../../lib/itemTitle';
import { keep, readKept } from '../../lib/keptOnDevice';
import { useFormat } from '../../lib/useFormat';
import { useSessionState, useSessionStore } from '../../stores/session';
import './Amendments.css';

/** One change to the published notice, in words to fill in: what changed, and when (local date). */
interface AmendmentNote {
  seq: number;
  date: string;
  key:
    | 'renamed'
    | 'configured'
    | 'dayAdded'
    | 'dayChanged'
    | 'dayRemoved'
    | 'dayMoved'
    | 'itemAdded'
    | 'itemChanged'
    | 'itemRemoved'
    | 'itemMoved'
    | 'changed';
  params: Record<string, string>;
  /** The item it names, whose topic is said in the screen's language. */
  item?: AgendaItemState;
}

type Key = AmendmentNote['key'];
type Named = Pick<AmendmentNote, 'key' | 'params' | 'item'>;

/** What an amendment of each type says, from the state as it is now (a removed item or day is gone). */
const describe: Partial<Record<EventType, (state: SessionState, amendment: Amendment) => Named>> = {
  'session:renamed': (state) => ({ key: 'renamed', params: { title: state.definition?.title ?? '' } }),
  'session:configured': () => ({ key: 'configured', params: {} }),
  'day:added': () => ({ key: 'dayAdded', params: {} }),
  'day:updated': () => ({ key: 'dayChanged', params: {} }),
  'day:removed': () => ({ key: 'dayRemoved', params: {} }),
  'day:rescheduled': (state, { dayId }) => {
    const day = dayId === null ? undefined : dayById(state, dayId);
    return day ? { key: 'dayMoved', params: { day: day.title, date: day.date } } : changed;
  },
  'agenda:item-added': (state, { itemId }) => itemNote(state, itemId, 'itemAdded'),
  'agenda:item-moved': (state, { itemId }) => itemNote(state, itemId, 'itemMoved'),
  'agenda:item-updated': (state, { itemId }) => itemNote(state, itemId, 'itemChanged'),
  'agenda:item-removed': () => removed,
};

const changed: Named = { key: 'changed', params: {} };
const removed: Named = { key: 'itemRemoved', params: {} };

/** An item's amendment named by its topic and the day it is on now; an item since removed is said as such. */
function itemNote(state: SessionState, itemId: string | null, key: Key): Named {
  const item = itemId ? state.agenda[itemId] : undefined;
  if (!item) return removed;
  return { key, params: { day: dayTitle(state, item.dayId) }, item };
}

/** The session's amendments, newest first. */
function amendmentNotes(state: SessionState): AmendmentNote[] {
  return state.amendments
    .map((amendment) => ({
      seq: amendment.seq,
      date: localIsoDate(new Date(amendment.at)),
      ...(describe[amendment.type]?.(state, amendment) ?? changed),
    }))
    .reverse();
}

const storageKey = (sessionId: string) => `plenum:amendments-seen:${sessionId}`;

function readDismissed(sessionId: string): number[] {
  try {
    const stored: unknown = JSON.parse(readKept(storageKey(sessionId)) ?? '[]');
    return Array.isArray(stored) ? stored.filter((seq): seq is number => typeof seq === 'number') : [];
  } catch {
    return [];
  }
}

/**
 * "The notice was amended: …" for each change made after the notice went out, newest first;
 * each can be put away (remembered on this device). The room screen shows them without buttons.
 */
export function Amendments({ isStatic = false }: { isStatic?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sessionId = useSessionStore((s) => s.session.sessionId);
  const notes = useSessionState(amendmentNotes);
  const [dismissed, setDismissed] = useState(() => readDismissed(sessionId));
  const shown = notes.filter((note) => !dismissed.includes(note.seq));
  if (shown.length === 0) return null;

  const dismiss = (seq: number) => {
    const next = [...dismissed, seq];
    setDismissed(next);
    keep(storageKey(sessionId), JSON.stringify(next));
  };

  return (
    <ul className="amendments" aria-label={t('amendments.label')} data-testid="amendments">
      {shown.map((note) => {
        const what = t(`amendments.what.${note.key}`, {
          ...note.params,
          ...(note.params.date ? { date: format.date(note.params.date) } : {}),
          ...(note.item ? { topic: topicIn(t, note.item) } : {}),
        });
        return (
          <li key={note.seq} className="amendments__item">
            <span>{t('amendments.line', { what, date: format.date(note.date) })}</span>
            {!isStatic && (
              <button type="button" className="button button--small" onClick={() => dismiss(note.seq)}>
                {t('common.dismiss')}
                <span className="visually-hidden">: {what}</span>
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
