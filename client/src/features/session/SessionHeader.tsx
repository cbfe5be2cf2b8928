import { roleLabels } from '../../lib/labels';
import { useRealtime } from '../../realtime/RealtimeContext';
import { useSessionStore } from '../../stores/session';
import { ConnectionBadge } from '../connection/ConnectionBadge';

/** Title of the review session, who you are in it, and the connection badge. */
export function SessionHeader() {
  const { reconnect } = useRealtime();
  const definition = useSessionStore((s) => s.session.definition);
  const you = useSessionStore((s) => s.you);

  return (
    <header className="session-header">
      <div className="session-header__title">
        <h1>{definition?.title ?? 'Review session'}</h1>
        {definition && (
          <p className="muted">
            {definition.organisation} · Period {definition.period}
            {definition.conferenceLink && (
              <>
                {' · '}
                <a href={definition.conferenceLink} target="_blank" rel="noreferrer noopener">
                  Join the call
                </a>
              </>
            )}
          </p>
        )}
      </div>
      <div className="session-header__side">
        {you && (
          <p className="session-header__you">
            {you.name} · <span className="tag">{roleLabels[you.role]}</span>
          </p>
        )}
        <ConnectionBadge onReconnect={reconnect} />
      </div>
    </header>
  );
}
