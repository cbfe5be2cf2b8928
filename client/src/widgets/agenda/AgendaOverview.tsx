import { isItemLive, isItemOver, type AgendaItemState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { itemTitle, topicIn } from '../../lib/itemTitle';
import { useFormat } from '../../lib/useFormat';
import {
  floorSelectors,
  sessionSelectors,
  useSessionState,
  useSessionStore,
  type AgendaDay,
} from '../../stores/session';
import { Panel } from '../../components/Panel';
import { Amendments } from './Amendments';
import './AgendaOverview.css';

/** One item in a line: its place, the unit (or "general topic"), the topic, minutes and status. */
function OverviewItem({ item, position }: { item: AgendaItemState; position: number }) {
  const { t } = useTranslation();
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, item.unitId));
  const isLive = isItemLive(item.status);
  return (
    <li
      className="agenda-overview__item"
      data-testid={`overview-item-${item.id}`}
      data-status={item.status}
      aria-current={isLive ? 'step' : undefined}
    >
      <span className="agenda-item__position">{t('agenda.position', { position })}</span>
      <span className="agenda-overview__what">{itemTitle(topicIn(t, item), unitName)}</span>
      <span className="agenda-item__minutes">
        {t('common.minutes', { count: item.plannedMinutes + item.timer.extraMinutes })}
      </span>
      <span className="status-tag" data-status={item.status}>
        {t(`labels.agendaStatus.${item.status}`)}
      </span>
    </li>
  );
}

/** A day's heading with its date, status and how many items are done. */
function OverviewDay({ day, items }: AgendaDay) {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useSessionStore((s) => s.session.days[day.id]?.status ?? 'scheduled');
  const done = items.filter((item) => isItemOver(item.status)).length;
  return (
    <>
      <span className="agenda-overview__day">
        {day.title} <span className="muted">{format.date(day.date)}</span>
      </span>{' '}
      <span className="status-tag" data-status={status}>
        {t(`labels.dayStatus.${status}`)}
      </span>{' '}
      <span className="muted">{t('agenda.overview.done', { done, count: items.length })}</span>
    </>
  );
}

function OverviewList({ items }: { items: AgendaItemState[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted">{t('agenda.noItems')}</p>;
  return (
    <ol className="agenda-overview__list">
      {items.map((item, index) => (
        <OverviewItem key={item.id} item={item} position={index + 1} />
      ))}
    </ol>
  );
}

/**
 * The agenda to read, not to run: every day with its status and items, the day the room is on
 * unfolded and the others folded to one line. For everyone who follows the floor without
 * running it.
 */
export function AgendaOverview() {
  const { t } = useTranslation();
  const days = useSessionState(sessionSelectors.agendaByDay);
  const focusDayId = useSessionStore((s) => floorSelectors.dayInFocus(s.session)?.id ?? null);
  return (
    <Panel heading={t('agenda.heading')} className="agenda-overview" testId="agenda-overview">
      <Amendments />
      {days.length === 0 && <p className="muted">{t('agenda.noDays')}</p>}
      {days.map(({ day, items }) => (
        <details
          key={day.id}
          className="agenda-overview__group"
          data-testid={`overview-day-${day.id}`}
          open={day.id === focusDayId}
        >
          <summary>
            <OverviewDay day={day} items={items} />
          </summary>
          <OverviewList items={items} />
        </details>
      ))}
    </Panel>
  );
}

/** One day's agenda in large type, for the room screen before its first item. */
export function DayAgenda({ items }: { items: AgendaItemState[] }) {
  return (
    <div className="agenda-overview agenda-overview--large" data-testid="day-agenda">
      <Amendments isStatic />
      <OverviewList items={items} />
    </div>
  );
}
