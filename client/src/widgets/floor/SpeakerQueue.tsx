import { canIssue, type SessionState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { formatDuration } from '../../lib/format';
import { useFormat } from '../../lib/useFormat';
import { useServerNow } from '../../lib/useServerNow';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { floorSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { Icon } from '../../components/Icon';
import { Panel } from '../../components/Panel';
import { useClearOnFloorMove } from './useClearOnFloorMove';
import './SpeakerQueue.css';

/** The running length of the current speech. */
function SpeechClock({ since }: { since: string }) {
  const now = useServerNow();
  return (
    <span className="speech-clock" role="timer">
      {formatDuration(now - Date.parse(since))}
    </span>
  );
}

/** Speaking time per participant on the live item, longest first. */
function speakingTimeOnLiveItem(state: SessionState) {
  const live = floorSelectors.liveItem(state);
  return live ? floorSelectors.speakingTimeOf(state, live.id) : [];
}

/**
 * Who has the floor, who asked to speak, and who spoke how long on the item. The chair gives
 * and ends the floor from here; everyone else sees it.
 */
export function SpeakerQueue({ canManage = false }: { canManage?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { queue, speaker } = useSessionStore((s) => s.session.floor);
  const participants = useSessionStore((s) => s.session.participants);
  const status = useSessionStore((s) => s.session.status);
  // Whether an item holds the floor, not the item: a timer event gives it a new object.
  const hasLiveItem = useSessionStore((s) => floorSelectors.liveItem(s.session) !== null);
  const speeches = useSessionState(speakingTimeOnLiveItem);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError, isBusy } = useCommand();
  useClearOnFloorMove(dismissError);
  const name = (participantId: string) => participants[participantId]?.name ?? t('common.aParticipant');
  const mayManage = canManage && canIssue('chair', 'floor:give', status) && hasLiveItem;
  const isLocked = !canSend || isBusy;

  return (
    <Panel heading={t('speakers.heading')} className="speakers" testId="speaker-queue">
      <ErrorNote message={error} onDismiss={dismissError} />
      {speaker ? (
        <div className="speakers__current" data-testid="current-speaker">
          <p>
            <span className="speakers__label">{t('speakers.speaking')}</span>{' '}
            <strong>{name(speaker.participantId)}</strong> <SpeechClock since={speaker.since} />
          </p>
          {mayManage && (
            <button
              type="button"
              className="button button--small"
              data-testid="end-speech"
              disabled={isLocked}
              onClick={() =>
                void run(
                  { type: 'floor:end-speech', payload: { participantId: speaker.participantId } },
                  t('speakers.failed.end'),
                )
              }
            >
              {t('speakers.end')}
            </button>
          )}
        </div>
      ) : (
        <p className="muted">{t('speakers.nobody')}</p>
      )}
      <h3 className="speakers__subheading">{t('speakers.queue', { count: queue.length })}</h3>
      {queue.length === 0 ? (
        <p className="muted">{t('speakers.queueEmpty')}</p>
      ) : (
        <ol className="speakers__queue">
          {queue.map((entry) => (
            <li key={entry.participantId} data-testid={`queue-${entry.participantId}`}>
              <span>
                {name(entry.participantId)}{' '}
                <span className="muted">{t('speakers.since', { time: format.time(entry.raisedAt) })}</span>
              </span>
              {mayManage && (
                <button
                  type="button"
                  className="button button--small button--primary"
                  data-testid={`give-floor-${entry.participantId}`}
                  disabled={isLocked}
                  onClick={() =>
                    void run(
                      { type: 'floor:give', payload: { participantId: entry.participantId } },
                      t('speakers.failed.give', { name: name(entry.participantId) }),
                    )
                  }
                >
                  {t('speakers.give')}
                  <span className="visually-hidden">: {name(entry.participantId)}</span>
                </button>
              )}
            </li>
          ))}
        </ol>
      )}
      {speeches.length > 0 && (
        <>
          <h3 className="speakers__subheading">{t('speakers.recorded')}</h3>
          <ul className="speakers__times">
            {speeches.map((s) => (
              <li key={s.participantId}>
                {name(s.participantId)}: <span className="figure">{formatDuration(s.totalMs)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

/** Raise or lower one's hand to ask for the floor on the item on the floor. */
export function HandControl() {
  const { t } = useTranslation();
  const you = useSessionStore((s) => s.you);
  const position = useSessionStore((s) => (you ? floorSelectors.queuePosition(s.session, you.id) : null));
  const isSpeaking = useSessionStore((s) => you !== null && s.session.floor.speaker?.participantId === you.id);
  const hasLiveItem = useSessionStore((s) => floorSelectors.liveItem(s.session) !== null);
  const status = useSessionStore((s) => s.session.status);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const { run, error, dismissError, isBusy } = useCommand();
  useClearOnFloorMove(dismissError);
  if (!you || !canIssue(you.role, 'floor:raise-hand')) return null;

  const mayAct = canIssue(you.role, 'floor:raise-hand', status) && hasLiveItem && canSend && !isBusy;

  return (
    <div className="hand-control" data-testid="hand-control">
      {isSpeaking ? (
        <p className="hand-control__state">
          <Icon name="mic" /> {t('hand.speaking')}
        </p>
      ) : position === null ? (
        <button
          type="button"
          className="button"
          data-testid="raise-hand"
          disabled={!mayAct}
          onClick={() => void run({ type: 'floor:raise-hand', payload: {} }, t('hand.failed.raise'))}
        >
          <Icon name="hand" /> {t('hand.raise')}
        </button>
      ) : (
        <>
          <p className="hand-control__state">{t('hand.position', { position })}</p>
          <button
            type="button"
            className="button"
            data-testid="lower-hand"
            disabled={!canSend || isBusy}
            onClick={() => void run({ type: 'floor:lower-hand', payload: {} }, t('hand.failed.lower'))}
          >
            {t('hand.lower')}
          </button>
        </>
      )}
      {!hasLiveItem && position === null && !isSpeaking && <p className="muted">{t('hand.noItem')}</p>}
      <ErrorNote message={error} onDismiss={dismissError} />
    </div>
  );
}
