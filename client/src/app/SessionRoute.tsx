import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { prepareFormats } from '../lib/format';
import { whenIdle } from '../lib/whenIdle';
import { LanguageSwitch } from '../shell/LanguageSwitch';
import { RealtimeContext } from '../realtime/RealtimeContext';
import { useSessionConnection } from '../realtime/useSessionConnection';
import { preloadSessionScreens, SessionScreen } from '../shell/SessionScreen';
import { AfterWords } from './AfterWords';
import { takeInviteToken } from './inviteToken';

interface ConnectedSessionProps {
  sessionId: string;
  token: string;
  words: Promise<unknown>;
}

// Mounted before the words are loaded: the socket connects and joins, and the screens' code is
// fetched, while they load; the formatters are built while the join is in flight.
function ConnectedSession({ sessionId, token, words }: ConnectedSessionProps) {
  const realtime = useSessionConnection(sessionId, token);
  useEffect(() => void preloadSessionScreens(), []);
  useEffect(() => {
    let cancel = () => {};
    let isMounted = true;
    void words.then(() => {
      if (isMounted) cancel = whenIdle(() => prepareFormats(currentLocale()), 2_000);
    });
    return () => {
      isMounted = false;
      cancel();
    };
  }, [words]);
  return (
    <RealtimeContext.Provider value={realtime}>
      <AfterWords words={words}>
        <SessionScreen />
      </AfterWords>
    </RealtimeContext.Provider>
  );
}

function InviteNeeded() {
  const { t } = useTranslation();
  return (
    <main className="page centred">
      <LanguageSwitch className="page-language" />
      <h1>{t('invite.heading')}</h1>
      <p>{t('invite.text')}</p>
    </main>
  );
}

/** `/s/:sessionId`: takes the invite token from the link (or this tab's memory) and connects. */
export function SessionRoute({ sessionId, words }: { sessionId: string; words: Promise<unknown> }) {
  const [token] = useState(() =>
    takeInviteToken(sessionId, { location: window.location, history: window.history, storage: window.sessionStorage }),
  );

  if (!token) {
    return (
      <AfterWords words={words}>
        <InviteNeeded />
      </AfterWords>
    );
  }
  return <ConnectedSession sessionId={sessionId} token={token} words={words} />;
}
