import type { AgendaItemState } from '@plenum/shared';
import { useId } from 'react';
import { agendaStatusLabels } from '../../lib/labels';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { Timer } from './Timer';

interface CurrentItemPanelProps {
  /** The item the room looks at: the current one, or the last closed one between items. */
  item: AgendaItemState | null;
  size?: 'normal' | 'large';
}

/** The agenda item on the floor: presenting unit, topic, status and time left. */
export function CurrentItemPanel({ item, size = 'normal' }: CurrentItemPanelProps) {
  const headingId = useId();
  const unitName = useSessionStore((s) => sessionSelectors.unitName(s.session, item?.unitId ?? null));
  const isCurrent = item !== null && (item.status === 'presenting' || item.status === 'floor-open');

  return (
    <section
      className={`panel current-item current-item--${size}`}
      data-testid="current-item"
      aria-labelledby={headingId}
    >
      <h2 id={headingId} className="panel__heading">
        {isCurrent ? 'On the floor' : item ? 'Last agenda item' : 'On the floor'}
      </h2>
      {item ? (
        <>
          <p className="current-item__unit">{unitName ?? 'General topic'}</p>
          <p className="current-item__topic">{item.topic}</p>
          <p className="current-item__status">
            Status:{' '}
            <span className="status-tag" data-status={item.status}>
              {agendaStatusLabels[item.status]}
            </span>
          </p>
          <Timer item={item} size={size} />
        </>
      ) : (
        <p className="muted">No agenda item is on the floor yet.</p>
      )}
    </section>
  );
}
