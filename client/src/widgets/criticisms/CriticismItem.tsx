import { canIssue, type CriticismState, type Participant, type SessionState } from '@plenum/shared';
import { memo, useMemo } from 'react';
import type { TFunction } from 'i18next';
import { rulingText } from '../../lib/rulingText';
import type { Formatters } from '../../lib/useFormat';
import { sessionSelectors, useSessionState } from '../../stores/session';
import { ChairCriticismActions } from './ChairCriticismActions';
import { EndorseButton } from './EndorseButton';
import { RespondControl } from './RespondControl';

interface CriticismItemProps {
  criticism: CriticismState;
  /** This client's endorsement of it is being sent. */
  isEndorsing: boolean;
  /** No controls at all (the big screen). */
  readOnly: boolean;
  /** Who reads the list, and the session's status: read once by the list, not by every card. */
  you: Participant | null;
  status: SessionState['status'];
  /**
   * The list's words and formats, new when the language changes. A card of its own would mount
   * translation hooks of its own, each copying the i18next instance: a list mounts hundreds.
   */
  t: TFunction;
  format: Formatters;
}

/** What a card shows from elsewhere in the state: the author, the indicator, the directives made of it. */
function criticismContext(state: SessionState, criticism: CriticismState) {
  const directiveId = criticism.directiveIds[0];
  return {
    authorName: sessionSelectors.participantName(state, criticism.authorId),
    indicator: sessionSelectors.indicatorName(state, criticism),
    directiveTitles: sessionSelectors.directiveTitles(state, criticism),
    directive: directiveId === undefined ? null : (state.directives[directiveId] ?? null),
  };
}

/**
 * One criticism of a list: what was said on what, by whom, the answer and the ruling, and the
 * controls of the reader's role. Memoised: a new criticism on the item renders only itself. It
 * reads the store once (`criticismContext`): a list holds hundreds of cards, and each reading
 * runs again on every event.
 */
export const CriticismItem = memo(function CriticismItem({
  criticism,
  isEndorsing,
  readOnly,
  you,
  status,
  t,
  format,
}: CriticismItemProps) {
  const context = useSessionState(criticismContext, criticism);
  const { indicator, directiveTitles } = context;
  const authorName = context.authorName ?? t('common.aParticipant');
  const count = criticism.endorsedBy.length + (isEndorsing ? 1 : 0);
  // Hidden from a role that may never endorse; disabled while the session's state does not allow it.
  const mayEndorse = !readOnly && you !== null && canIssue(you.role, 'criticism:endorse');
  const isChair = !readOnly && you?.role === 'chair';
  const isOwnUnit = you?.role === 'presenter' && you.unitId !== null && you.unitId === criticism.unitId;
  // Worded once: a card renders again on each endorsement, and i18next's lookups and the time's
  // formatting were most of its render.
  const meta = useMemo(
    () => (
      <p className="criticism__meta">
        <span className="tag">{t(`labels.category.${criticism.category}`)}</span>
        <span className="tag" data-severity={criticism.severity}>
          {criticism.severity === 'high' && (
            <span aria-hidden="true" className="severity-icon">
              ▲{' '}
            </span>
          )}
          {t('criticism.severityTag', { severity: t(`labels.severity.${criticism.severity}`) })}
        </span>
        {indicator && <span className="criticism__indicator">{t('criticism.onIndicator', { indicator })}</span>}
      </p>
    ),
    [t, criticism.category, criticism.severity, indicator],
  );
  const postedTime = useMemo(() => format.time(criticism.postedAt), [format, criticism.postedAt]);

  return (
    <li
      className={criticism.hidden ? 'card criticism criticism--hidden' : 'card criticism'}
      data-testid={`criticism-${criticism.id}`}
      data-severity={criticism.severity}
    >
      {meta}
      {criticism.hidden && (
        <p className="criticism__note">{t('criticism.hiddenNote', { reason: criticism.hidden.reason })}</p>
      )}
      <p className="criticism__text">{criticism.text}</p>
      {criticism.response && (
        <p className="criticism__response">
          <span className="criticism__label">{t('criticism.response')}</span> {criticism.response.text}
        </p>
      )}
      {criticism.ruling && (
        <p className="criticism__ruling">
          <span className="criticism__label">{t('criticism.ruling')}</span> {rulingText(t, criticism.ruling)}
          {criticism.ruling.note && ` (${criticism.ruling.note})`}
        </p>
      )}
      {directiveTitles !== null && (
        <p className="criticism__directives">
          <span className="criticism__label">{t('criticism.directivesMade')}</span> {directiveTitles}
        </p>
      )}
      <p className="criticism__byline">
        {authorName} · <time dateTime={criticism.postedAt}>{postedTime}</time> ·{' '}
        <span className="criticism__endorsements" data-pending={isEndorsing}>
          {t('criticism.endorsements', { count, formatted: format.figure(count) })}
        </span>
      </p>
      {mayEndorse && (
        <EndorseButton
          criticism={criticism}
          you={you}
          authorName={authorName}
          isEndorsing={isEndorsing}
          isAllowedNow={canIssue(you.role, 'criticism:endorse', status)}
          t={t}
        />
      )}
      {isChair && <ChairCriticismActions criticism={criticism} directive={context.directive} status={status} t={t} />}
      {!readOnly && isOwnUnit && <RespondControl criticism={criticism} />}
    </li>
  );
});
