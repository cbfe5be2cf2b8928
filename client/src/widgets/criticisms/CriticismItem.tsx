import { canIssue, type CriticismState } from '@plenum/shared';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { rulingText } from '../../lib/rulingText';
import { useFormat } from '../../lib/useFormat';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { ChairCriticismActions } from './ChairCriticismActions';
import { EndorseButton } from './EndorseButton';
import { RespondControl } from './RespondControl';

interface CriticismItemProps {
  criticism: CriticismState;
  /** This client's endorsement of it is being sent. */
  isEndorsing: boolean;
  /** No controls at all (the big screen). */
  readOnly: boolean;
}

/**
 * One criticism of a list: what was said on what, by whom, the answer and the ruling, and the
 * controls of the reader's role. Memoised: a new criticism on the item renders only itself.
 */
export const CriticismItem = memo(function CriticismItem({ criticism, isEndorsing, readOnly }: CriticismItemProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const you = useSessionStore((s) => s.you);
  const status = useSessionStore((s) => s.session.status);
  const authorName =
    useSessionStore((s) => sessionSelectors.participantName(s.session, criticism.authorId)) ?? t('common.aParticipant');
  const indicator = useSessionStore((s) => sessionSelectors.indicatorName(s.session, criticism));
  const directiveTitles = useSessionStore((s) => sessionSelectors.directiveTitles(s.session, criticism));
  const count = criticism.endorsedBy.length + (isEndorsing ? 1 : 0);
  // Hidden from a role that may never endorse; disabled while the session's state does not allow it.
  const mayEndorse = !readOnly && you !== null && canIssue(you.role, 'criticism:endorse');
  const isChair = !readOnly && you?.role === 'chair';
  const isOwnUnit = you?.role === 'presenter' && you.unitId !== null && you.unitId === criticism.unitId;

  return (
    <li
      className={criticism.hidden ? 'card criticism criticism--hidden' : 'card criticism'}
      data-testid={`criticism-${criticism.id}`}
      data-severity={criticism.severity}
    >
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
        {authorName} · <time dateTime={criticism.postedAt}>{format.time(criticism.postedAt)}</time> ·{' '}
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
        />
      )}
      {isChair && <ChairCriticismActions criticism={criticism} />}
      {!readOnly && isOwnUnit && <RespondControl criticism={criticism} />}
    </li>
  );
});
