import { sessionSelectors, useSessionState } from '../../stores/session';
import { SessionPage } from '../../shell/SessionPage';
import { AgendaOverview } from '../../widgets/agenda/AgendaOverview';
import { CriticismList } from '../../widgets/criticisms/CriticismList';
import { CurrentItemPanel } from '../../widgets/floor/CurrentItemPanel';
import { PrepareView } from './PrepareView';

/** The floor as the administrator follows it: read-only, the item and its criticism beside the agenda. */
function ReadOnlyFloor() {
  const focus = useSessionState(sessionSelectors.focusItem);
  return (
    <div className="layout layout--participant">
      <div className="layout__column">
        <CurrentItemPanel item={focus} />
        {focus && <CriticismList itemId={focus.id} readOnly />}
      </div>
      <div className="layout__column">
        <AgendaOverview />
      </div>
    </div>
  );
}

/** The organisation's administrator in a session: preparing it, and the floor to follow. */
export function PrepareScreen() {
  return (
    <SessionPage
      role="administrator"
      floor={<ReadOnlyFloor />}
      views={{ prepare: <PrepareView role="administrator" /> }}
    />
  );
}
