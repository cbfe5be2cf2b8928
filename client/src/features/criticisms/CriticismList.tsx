import { canIssue, type CriticismState, type Participant } from '@plenum/shared';
import { useId, useMemo, useState } from 'react';
import { errorMessage } from '../../lib/errorMessages';
import { formatTime } from '../../lib/format';
import { criticismCategoryLabels, rulingLabels, severityLabels } from '../../lib/labels';
import { useRealtime } from '../../realtime/RealtimeContext';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { pendingSelectors, usePendingStore } from '../../stores/pending';
import { sessionSelectors, useSessionStore } from '../../stores/session';

interface CriticismListProps {
  itemId: string;
  /** No controls at all (the big screen). */
  readOnly?: boolean;
  /** Also list the criticisms the chair hid, marked as such (the chair's own view). */
  includeHidden?: boolean;
  /** Show only the newest this many. */
  limit?: number;
  size?: 'normal' | 'large';
}

function endorsementText(count: number): string {
  return count === 1 ? '1 endorsement' : `${count} endorsements`;
}

interface EndorseButtonProps {
  criticism: CriticismState;
  you: Participant;
  authorName: string;
  isEndorsing: boolean;
  /** The session's state allows endorsing now. */
  isAllowedNow: boolean;
}

/** One endorsement per participant, never of one's own criticism. */
function EndorseButton({ criticism, you, authorName, isEndorsing, isAllowedNow }: EndorseButtonProps) {
  const { send } = useRealtime();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const [error, setError] = useState<string | null>(null);
  const isOwn = criticism.authorId === you.id;
  const hasEndorsed = criticism.endorsedBy.includes(you.id);

  const handleClick = () => {
    setError(null);
    void send({ type: 'criticism:endorse', payload: { criticismId: criticism.id } }).then((ack) => {
      if (!ack.ok) setError(`Not endorsed. ${errorMessage(ack.error.code)}`);
    });
  };

  const label = hasEndorsed ? 'Endorsed' : isEndorsing ? 'Endorsing…' : 'Endorse';
  return (
    <>
      <button
        type="button"
        className="button button--small"
        onClick={handleClick}
        disabled={isOwn || hasEndorsed || isEndorsing || !canSend || !isAllowedNow}
        aria-describedby={isOwn ? `${criticism.id}-own` : undefined}
      >
        {label}
        {!isOwn && <span className="visually-hidden"> criticism by {authorName}</span>}
      </button>
      {isOwn && (
        <span className="endorse-note" id={`${criticism.id}-own`}>
          Your own criticism
        </span>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

/** Criticisms raised on an item, newest first, with the ones still being sent on top, greyed. */
export function CriticismList({
  itemId,
  readOnly = false,
  includeHidden = false,
  limit,
  size = 'normal',
}: CriticismListProps) {
  const headingId = useId();
  const session = useSessionStore((s) => s.session);
  const you = useSessionStore((s) => s.you);
  const pendingById = usePendingStore((s) => s.byId);

  const criticisms = useMemo(
    () => sessionSelectors.criticismsOfItem(session, itemId, includeHidden),
    [session, itemId, includeHidden],
  );
  const sending = useMemo(
    () => (readOnly ? [] : pendingSelectors.criticismsOfItem(pendingById, itemId)),
    [readOnly, pendingById, itemId],
  );
  const endorsing = useMemo(() => pendingSelectors.endorsingIds(pendingById), [pendingById]);
  // Hidden from a role that may never endorse; disabled while the session's state does not allow it.
  const mayEndorse = !readOnly && you !== null && canIssue(you.role, 'criticism:endorse');
  const mayEndorseNow = you !== null && canIssue(you.role, 'criticism:endorse', session.status);

  const shown = limit === undefined ? criticisms : criticisms.slice(0, limit);
  const indicatorName = (criticism: CriticismState): string | null => {
    if (!criticism.indicatorId) return null;
    const report = sessionSelectors.reportOf(session, criticism.unitId);
    return report?.indicators.find((i) => i.id === criticism.indicatorId)?.name ?? null;
  };

  return (
    <section className={`panel criticisms criticisms--${size}`} aria-labelledby={headingId}>
      <h2 id={headingId} className="panel__heading">
        Criticism <span className="count">({criticisms.length})</span>
      </h2>
      {criticisms.length === 0 && sending.length === 0 && <p className="muted">No criticism raised yet.</p>}
      <ol className="criticism-list" data-testid="criticism-list">
        {sending.map(({ commandId, draft }) => (
          <li key={commandId} className="criticism criticism--pending" data-testid="criticism-pending" aria-busy="true">
            <p className="criticism__meta">
              <span className="tag">{criticismCategoryLabels[draft.category]}</span>
              <span className="tag" data-severity={draft.severity}>
                {severityLabels[draft.severity]} severity
              </span>
            </p>
            <p className="criticism__text">{draft.text}</p>
            <p className="criticism__byline">Sending…</p>
          </li>
        ))}
        {shown.map((criticism) => {
          const authorName = sessionSelectors.participantName(session, criticism.authorId);
          const isEndorsing = endorsing.has(criticism.id);
          const count = criticism.endorsedBy.length + (isEndorsing ? 1 : 0);
          const indicator = indicatorName(criticism);
          return (
            <li
              key={criticism.id}
              className={criticism.hidden ? 'criticism criticism--hidden' : 'criticism'}
              data-testid={`criticism-${criticism.id}`}
            >
              <p className="criticism__meta">
                <span className="tag">{criticismCategoryLabels[criticism.category]}</span>
                <span className="tag" data-severity={criticism.severity}>
                  {severityLabels[criticism.severity]} severity
                </span>
                {indicator && <span className="criticism__indicator">on {indicator}</span>}
              </p>
              {criticism.hidden && (
                <p className="criticism__note">Hidden from the live views: {criticism.hidden.reason}</p>
              )}
              <p className="criticism__text">{criticism.text}</p>
              {criticism.response && (
                <p className="criticism__response">
                  <span className="criticism__label">Response from the unit:</span> {criticism.response.text}
                </p>
              )}
              {criticism.ruling && (
                <p className="criticism__ruling">
                  <span className="criticism__label">Chair’s ruling:</span> {rulingLabels[criticism.ruling.ruling]}
                  {criticism.ruling.note && ` (${criticism.ruling.note})`}
                </p>
              )}
              <p className="criticism__byline">
                {authorName} · <time dateTime={criticism.postedAt}>{formatTime(criticism.postedAt)}</time> ·{' '}
                <span className="criticism__endorsements" data-pending={isEndorsing}>
                  {endorsementText(count)}
                </span>
              </p>
              {mayEndorse && (
                <EndorseButton
                  criticism={criticism}
                  you={you}
                  authorName={authorName}
                  isEndorsing={isEndorsing}
                  isAllowedNow={mayEndorseNow}
                />
              )}
            </li>
          );
        })}
      </ol>
      {shown.length < criticisms.length && <p className="muted">and {criticisms.length - shown.length} earlier</p>}
    </section>
  );
}
