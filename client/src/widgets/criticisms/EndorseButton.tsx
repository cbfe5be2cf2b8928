import type { CriticismState, Participant } from '@plenum/shared';
import type { TFunction } from 'i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { sessionSelectors } from '../../stores/session';

interface EndorseButtonProps {
  criticism: CriticismState;
  you: Participant;
  authorName: string;
  isEndorsing: boolean;
  /** The session's state allows endorsing now. */
  isAllowedNow: boolean;
  /** The card's words (see `CriticismItem`). */
  t: TFunction;
}

/** One endorsement per participant, never of one's own criticism. */
export function EndorseButton({ criticism, you, authorName, isEndorsing, isAllowedNow, t }: EndorseButtonProps) {
  const { run, error, dismissError } = useCommand();
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const isOwn = criticism.authorId === you.id;
  const hasEndorsed = criticism.endorsedBy.includes(you.id);

  const handleClick = () => {
    void run({ type: 'criticism:endorse', payload: { criticismId: criticism.id } }, t('criticism.endorse.failed'));
  };

  const label = hasEndorsed
    ? t('criticism.endorse.done')
    : isEndorsing
      ? t('criticism.endorse.sending')
      : t('criticism.endorse.action');
  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid={`endorse-${criticism.id}`}
        onClick={handleClick}
        disabled={!sessionSelectors.canEndorse(criticism, you) || isEndorsing || !canSend || !isAllowedNow}
        aria-describedby={isOwn ? `${criticism.id}-own` : undefined}
      >
        {label}
        {!isOwn && <span className="visually-hidden"> {t('criticism.endorse.whose', { name: authorName })}</span>}
      </button>
      {isOwn && (
        <span className="endorse-note" id={`${criticism.id}-own`}>
          {t('criticism.endorse.own')}
        </span>
      )}
      {/* Mounted with a failure only: a list mounts hundreds of cards, and a note its own translation hook. */}
      {error && <ErrorNote message={error} onDismiss={dismissError} />}
    </>
  );
}
