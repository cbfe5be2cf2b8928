import type { CriticismState, SessionState } from '@plenum/shared';
import { memo, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../lib/useFormat';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { sessionSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { CriticismItem } from './CriticismItem';
import './CriticismList.css';

interface CriticismListProps {
  itemId: string;
  /** No controls at all (the big screen). */
  readOnly?: boolean;
  /** Also list the criticisms the chair hid, marked as such (the chair's own view). */
  includeHidden?: boolean;
  /** Show only the first this many. */
  limit?: number;
  /** Newest first (default), or most endorsed first (the big screen). */
  order?: 'newest' | 'endorsements';
  size?: 'normal' | 'large';
}

/** The criticisms a list shows, in its order. */
function listedCriticisms(
  state: SessionState,
  itemId: string,
  includeHidden: boolean,
  order: CriticismListProps['order'],
  authorId: string | null,
): CriticismState[] {
  const list = sessionSelectors.visibleCriticismsOfItem(state, itemId, includeHidden, authorId);
  // Stable sort: among equals, the newest stays first.
  return order === 'endorsements' ? [...list].sort((a, b) => b.endorsedBy.length - a.endorsedBy.length) : list;
}

/**
 * Criticisms raised on an item, with the ones still being sent on top, greyed. Memoised: it
 * renders again when its criticisms change, not with the floor around it (a timer event).
 */
export const CriticismList = memo(function CriticismList({
  itemId,
  readOnly = false,
  includeHidden = false,
  limit,
  order = 'newest',
  size = 'normal',
}: CriticismListProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const headingId = useId();
  const pendingById = usePendingStore((s) => s.byId);
  const you = useSessionStore((s) => s.you);
  const status = useSessionStore((s) => s.session.status);

  // The big screen shows the room's list, whoever is signed in on it.
  const authorId = readOnly ? null : (you?.id ?? null);
  const criticisms = useSessionState(listedCriticisms, itemId, includeHidden, order, authorId);
  const sending = useMemo(
    () => (readOnly ? [] : pendingSelectors.criticismsOfItem(pendingById, itemId)),
    [readOnly, pendingById, itemId],
  );
  const endorsing = useMemo(() => pendingSelectors.endorsingIds(pendingById), [pendingById]);
  const shown = limit === undefined ? criticisms : criticisms.slice(0, limit);

  return (
    <section className={`panel criticisms criticisms--${size}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        {order === 'endorsements' ? t('criticism.list.topHeading') : t('criticism.list.heading')}{' '}
        <span className="count">({format.figure(criticisms.length)})</span>
      </h2>
      {criticisms.length === 0 && sending.length === 0 && <p className="muted">{t('criticism.list.empty')}</p>}
      <ol className="criticism-list" data-testid="criticism-list">
        {sending.map(({ commandId, draft }) => (
          <li
            key={commandId}
            className="card criticism criticism--pending"
            data-testid="criticism-pending"
            aria-busy="true"
          >
            <p className="criticism__meta">
              <span className="tag">{t(`labels.category.${draft.category}`)}</span>
              <span className="tag" data-severity={draft.severity}>
                {t('criticism.severityTag', { severity: t(`labels.severity.${draft.severity}`) })}
              </span>
            </p>
            <p className="criticism__text">{draft.text}</p>
            <p className="criticism__byline">{t('common.sending')}</p>
          </li>
        ))}
        {shown.map((criticism) => (
          <CriticismItem
            key={criticism.id}
            criticism={criticism}
            isEndorsing={endorsing.has(criticism.id)}
            readOnly={readOnly}
            you={you}
            status={status}
            t={t}
            format={format}
          />
        ))}
      </ol>
      {shown.length < criticisms.length && (
        <p className="muted">{t('criticism.list.more', { count: criticisms.length - shown.length })}</p>
      )}
    </section>
  );
});
