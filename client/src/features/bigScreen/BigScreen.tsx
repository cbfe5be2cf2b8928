import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../i18n/LanguageSwitch';
import { floorSelectors, sessionSelectors, useSessionStore } from '../../stores/session';
import { ConnectionBadge } from '../connection/ConnectionBadge';
import { CriticismList } from '../criticisms/CriticismList';
import { CurrentItemPanel } from '../floor/CurrentItemPanel';
import { ReportFigures } from '../reports/ReportFigures';
import { Icon } from '../../components/Icon';

/** How many criticisms fit on a room screen at reading size. */
const criticismsShown = 5;

/**
 * The room's screen: read-only, large type, no session controls; it follows the chair by
 * following the log. The one choice it offers is the language of the room.
 */
export function BigScreen() {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const focus = useMemo(() => sessionSelectors.focusItem(session), [session]);
  const speaker = session.floor.speaker;
  const next = useMemo(() => floorSelectors.nextItem(session), [session]);

  return (
    <div className="page big-screen">
      <header className="big-screen__header">
        <h1>{session.definition?.title ?? t('session.untitled')}</h1>
        <div className="big-screen__side">
          <LanguageSwitch className="language-switch--quiet" />
          <ConnectionBadge />
        </div>
      </header>
      <main className="big-screen__main">
        <div className="big-screen__floor">
          <CurrentItemPanel item={focus} size="large" />
          {speaker && (
            <p className="big-screen__speaker" data-testid="big-screen-speaker">
              <Icon name="mic" />{' '}
              {t('speakers.speakingNow', {
                name: sessionSelectors.participantName(session, speaker.participantId) ?? t('common.aParticipant'),
              })}
            </p>
          )}
          {focus?.unitId && <ReportFigures unitId={focus.unitId} size="large" keyFiguresOnly />}
          {!session.currentItemId && next && (
            <p className="big-screen__next">{t('bigScreen.next', { topic: next.topic })}</p>
          )}
        </div>
        <div className="big-screen__criticisms">
          {focus && (
            <CriticismList itemId={focus.id} readOnly limit={criticismsShown} order="endorsements" size="large" />
          )}
        </div>
      </main>
    </div>
  );
}
