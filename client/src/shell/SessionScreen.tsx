import type { Participant } from '@plenum/shared';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../stores/session';
import { LiveAnnouncer } from './LiveAnnouncer';
import { BigScreen } from '../screens/bigScreen/BigScreen';
import { ChairConsole } from '../screens/chair/ChairConsole';
import { ParticipantView } from '../screens/participant/ParticipantView';
import { SessionHeader } from './SessionHeader';

function Joining() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <SessionHeader />
      <main id="main" className="layout">
        <p className="panel muted">{t('session.joining')}</p>
      </main>
    </div>
  );
}

function screenFor(you: Participant | null) {
  switch (you?.role) {
    case undefined:
      return <Joining />;
    case 'chair':
      return <ChairConsole role={you.role} />;
    case 'observer':
    case 'administrator':
      return <BigScreen />;
    case 'presenter':
    case 'official':
    case 'inspector':
      return <ParticipantView role={you.role} />;
  }
}

/** Picks the screen for the role the invitation grants, once the server has said which. */
export function SessionScreen() {
  const you = useSessionStore((s) => s.you);
  const title = useSessionStore((s) => s.session.definition?.title);

  useEffect(() => {
    document.title = title ? `${title} · Plenum` : 'Plenum';
  }, [title]);

  return (
    <>
      {screenFor(you)}
      <LiveAnnouncer />
    </>
  );
}
