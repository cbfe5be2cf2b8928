import { useMemo } from 'react';
import { sessionSelectors, useSessionStore } from '../../stores/session';
import { ConnectionBadge } from '../connection/ConnectionBadge';
import { CriticismList } from '../criticisms/CriticismList';
import { CurrentItemPanel } from '../floor/CurrentItemPanel';
import { ReportFigures } from '../reports/ReportFigures';

/** How many criticisms fit on a room screen at reading size. */
const criticismsShown = 6;

/** The room's screen: read-only, large type, no controls. */
export function BigScreen() {
  const session = useSessionStore((s) => s.session);
  const focus = useMemo(() => sessionSelectors.focusItem(session), [session]);

  return (
    <div className="page big-screen">
      <header className="big-screen__header">
        <h1>{session.definition?.title ?? 'Review session'}</h1>
        <ConnectionBadge />
      </header>
      <main className="big-screen__main">
        <div className="big-screen__floor">
          <CurrentItemPanel item={focus} size="large" />
          {focus?.unitId && <ReportFigures unitId={focus.unitId} size="large" />}
        </div>
        <div className="big-screen__criticisms">
          {focus && <CriticismList itemId={focus.id} readOnly limit={criticismsShown} size="large" />}
        </div>
      </main>
    </div>
  );
}
