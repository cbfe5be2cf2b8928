import { itemsOfDay, type AgendaItemState, type SessionState } from '@plenum/shared';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../shell/LanguageSwitch';
import { itemTitle, topicIn } from '../../lib/itemTitle';
import { useFormat } from '../../lib/useFormat';
import {
  decisionSelectors,
  floorSelectors,
  sessionSelectors,
  useSessionState,
  useSessionStore,
  type SecondReview,
} from '../../stores/session';
import { DayAgenda } from '../../widgets/agenda/AgendaOverview';
import { ConnectionBadge } from '../../shell/ConnectionBadge';
import { CriticismList } from '../../widgets/criticisms/CriticismList';
import { CurrentItemPanel } from '../../widgets/floor/CurrentItemPanel';
import { ReportFigures } from '../../widgets/reports/ReportFigures';
import { FlagIcon } from '../../components/FlagIcon';
import { Icon } from '../../components/Icon';
import './BigScreen.css';

/** How many criticisms fit beside the floor on a 1440×900 room screen at reading size, each cut to a few lines. */
const criticismsShown = 3;

/** The agenda of the day the room is on. */
function itemsOfDayInFocus(state: SessionState): AgendaItemState[] {
  const day = floorSelectors.dayInFocus(state);
  return day ? itemsOfDay(state, day.id) : [];
}

/** The carried warning that `warningId` names, with the unit's figure now (as the chair's Decisions tab reads it). */
function secondReviewOf(state: SessionState, warningId: string | null): SecondReview | null {
  if (warningId === null) return null;
  return decisionSelectors.secondReviews(state).find((review) => review.warning.id === warningId) ?? null;
}

/**
 * On a second-review item, what the room decides on: the period and fulfilment the unit was
 * warned at, and its fulfilment now, against the threshold. It says "second review" itself, so
 * the panel's general note on it is left out of this screen (BigScreen.css).
 */
function SecondReviewFigures({ warningId }: { warningId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const review = useSessionState(secondReviewOf, warningId);
  if (!review) return null;
  const { warning, productionNow } = review;
  const figures = {
    period: warning.period,
    then: format.percent(warning.fulfilment),
    now: format.percent(productionNow),
    threshold: format.percent(warning.threshold),
  };
  return (
    <p className="big-screen__second-review" data-testid="big-screen-second-review">
      {productionNow === null
        ? t('bigScreen.secondReview.noFigureNow', figures)
        : t('bigScreen.secondReview.figures', figures)}
      {productionNow !== null && (
        <>
          {' '}
          {productionNow < warning.threshold ? (
            <>
              <FlagIcon /> {t('bigScreen.secondReview.stillBelow')}
            </>
          ) : (
            t('bigScreen.secondReview.atOrAbove')
          )}
        </>
      )}
    </p>
  );
}

/**
 * Before the first item: the day the room is on, what comes first, the day's agenda and how
 * to join the call, so the screen says what the room is waiting for.
 */
function BeforeFirstItem() {
  const { t } = useTranslation();
  const format = useFormat();
  const day = useSessionState(floorSelectors.dayInFocus);
  const items = useSessionState(itemsOfDayInFocus);
  const first: AgendaItemState | null = items.find((item) => item.status === 'pending') ?? null;
  const dayStatus = useSessionStore((s) => (day ? (s.session.days[day.id]?.status ?? 'scheduled') : null));
  const conferenceLink = useSessionStore((s) => s.session.definition?.conferenceLink ?? null);
  const firstUnitName = useSessionStore((s) => sessionSelectors.unitName(s.session, first?.unitId ?? null));

  if (!day || !dayStatus) return <p className="panel muted">{t('agenda.noDays')}</p>;
  return (
    <>
      <div className="big-screen__floor">
        <section className="panel big-screen__today" data-testid="big-screen-today">
          <h2 className="panel__heading">{t(`bigScreen.day.${dayStatus}`)}</h2>
          <p className="big-screen__day">
            {day.title} <span className="muted">{format.date(day.date)}</span>
          </p>
          {first && (
            <p className="big-screen__first" data-testid="big-screen-first">
              {t('bigScreen.first', { title: itemTitle(topicIn(t, first), firstUnitName) })}
            </p>
          )}
          {conferenceLink && (
            <p className="big-screen__call" data-testid="big-screen-call">
              {t('bigScreen.call', { link: conferenceLink })}
            </p>
          )}
        </section>
      </div>
      <section className="panel" aria-labelledby="big-screen-agenda">
        <h2 id="big-screen-agenda" className="panel__heading">
          {t('bigScreen.dayAgenda', { day: day.title })}
        </h2>
        <DayAgenda items={items} />
      </section>
    </>
  );
}

/**
 * The room's screen: read-only, large type, no session controls; it follows the chair by
 * following the log. The one choice it offers is the language of the room.
 */
export function BigScreen() {
  const { t } = useTranslation();
  const definition = useSessionStore((s) => s.session.definition);
  // Between sittings the room waits for the next day: the last item closed is yesterday's news.
  const isSitting = useSessionStore((s) => floorSelectors.openDay(s.session) !== null);
  const focus = useSessionState(sessionSelectors.focusItem);
  const speakerName = useSessionStore((s) => {
    const speaker = s.session.floor.speaker;
    return speaker && (sessionSelectors.participantName(s.session, speaker.participantId) ?? '');
  });
  const isBetweenItems = useSessionStore((s) => s.session.currentItemId === null);
  const next = useSessionState(floorSelectors.nextItem);
  const nextUnitName = useSessionStore((s) => sessionSelectors.unitName(s.session, next?.unitId ?? null));

  return (
    <div className="page big-screen">
      <header className="big-screen__header">
        <div className="big-screen__title">
          <h1>{definition?.title ?? t('session.untitled')}</h1>
          {definition && (
            <p className="muted">
              {t('session.subtitle', { organisation: definition.organisation, period: definition.period })}
            </p>
          )}
        </div>
        <div className="big-screen__side">
          <LanguageSwitch className="language-switch--quiet" />
          <ConnectionBadge />
        </div>
      </header>
      <main className="big-screen__main">
        {focus && isSitting ? (
          <>
            <div className="big-screen__floor">
              <CurrentItemPanel item={focus} size="large">
                {focus.warningId && <SecondReviewFigures warningId={focus.warningId} />}
              </CurrentItemPanel>
              {speakerName !== null && (
                <p className="big-screen__speaker" data-testid="big-screen-speaker">
                  <Icon name="mic" />{' '}
                  {t('speakers.speakingNow', {
                    name: speakerName || t('common.aParticipant'),
                  })}
                </p>
              )}
              {focus.unitId && <ReportFigures unitId={focus.unitId} size="large" keyFiguresOnly />}
              {isBetweenItems && next && (
                <p className="big-screen__next">
                  {t('bigScreen.next', {
                    topic: itemTitle(topicIn(t, next), nextUnitName),
                  })}
                </p>
              )}
            </div>
            <div className="big-screen__criticisms">
              <CriticismList itemId={focus.id} readOnly limit={criticismsShown} order="endorsements" size="large" />
            </div>
          </>
        ) : (
          <BeforeFirstItem />
        )}
      </main>
    </div>
  );
}
