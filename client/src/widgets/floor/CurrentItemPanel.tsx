import { isItemLive, itemKind, type AgendaItemState } from '@plenum/shared';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { topicAfterUnit, topicIn } from '../../lib/itemTitle';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { Timer } from './Timer';
import './CurrentItemPanel.css';

interface CurrentItemPanelProps {
  /** The item the room looks at: the current one, or the last closed one between items. */
  item: AgendaItemState | null;
  size?: 'normal' | 'large';
  /** Controls shown under the timer (the chair's floor controls). */
  children?: ReactNode;
}

/** The agenda item on the floor: presenting unit, topic, status and time left. */
export function CurrentItemPanel({ item, size = 'normal', children }: CurrentItemPanelProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, item?.unitId ?? null));
  const isCurrent = item !== null && isItemLive(item.status);

  return (
    <section
      className={`panel current-item current-item--${size}`}
      data-testid="current-item"
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="panel__heading">
        {isCurrent || !item ? t('floor.onTheFloor') : t('floor.lastItem')}
      </h2>
      {item ? (
        <>
          <p className="current-item__unit">{unitName ?? t(`labels.itemKind.${itemKind(item)}`)}</p>
          <p className="current-item__topic">{topicAfterUnit(topicIn(t, item), unitName)}</p>
          {item.warningId && <p className="current-item__note">{t('floor.secondReviewNote')}</p>}
          <p className="current-item__status">
            {t('floor.status')}{' '}
            <span className="status-tag" data-status={item.status}>
              {t(`labels.agendaStatus.${item.status}`)}
            </span>
          </p>
          <Timer item={item} size={size} />
        </>
      ) : (
        <p className="muted">{t('floor.nothingYet')}</p>
      )}
      {children}
    </section>
  );
}
