import {
  fulfilment,
  hidingsShownAgain,
  indicatorsAtClose,
  itemKind,
  namesItemKind,
  readsHiddenCriticisms,
  verificationFindings,
} from '@plenum/shared';
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../lib/format';
import { itemTitle, topicIn } from '../../lib/itemTitle';
import { rulingText } from '../../lib/rulingText';
import { useFormat } from '../../lib/useFormat';
import { useSessionStore, type MinutesItem } from '../../stores/session';
import { DirectionTag } from '../reports/DirectionTag';
import { flagReason, flagTitle } from '../reports/flagText';
import { DirectiveLine } from './DirectiveLine';

/** One agenda item in the minutes: times, presenters, figures, criticism, speeches and directives. */
export function ItemMinutes({ entry, position }: { entry: MinutesItem; position: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const participants = useSessionStore((s) => s.session.participants);
  const { item, unit, presenters, report, flags, criticisms, speeches, directives, deferredTo } = entry;
  const name = (id: string) => participants[id]?.name ?? t('common.aParticipant');
  const dayDate = useSessionStore((s) => s.session.definition?.days.find((d) => d.id === item.dayId)?.date ?? '');
  // The time, with the date when it was not on the item's day.
  const when = (at: string) => format.timeOn(at, dayDate);
  const isSessionClosed = useSessionStore((s) => s.session.status === 'closed');
  // As in the downloaded minutes: the chair's reasons for hiding only for those who may read hidden criticisms.
  const readsReasons = useSessionStore((s) => s.you !== null && readsHiddenCriticisms(s.you.role));
  const topic = topicIn(t, item);
  const kindLabel = t(`labels.itemKind.${itemKind(item)}`);
  // Figures and presenters enter the minutes once the unit has presented.
  const hasPresented = item.startedAt !== null;
  // In the final record an item never reached is not pending: it was not covered.
  const isUncovered = isSessionClosed && item.status === 'pending';
  // A closed item keeps the figures as they stood at its close; a later verification is marked.
  const findings = report ? verificationFindings(report, item.closedAt) : [];
  const indicators = report ? indicatorsAtClose(report, item.closedAt) : [];

  return (
    <article className="minutes-item" data-testid={`minutes-item-${item.id}`}>
      <h3>
        {t('agenda.position', { position })}{' '}
        {unit ? itemTitle(topic, unit.name) : namesItemKind(topic, kindLabel) ? `${kindLabel} — ${topic}` : topic}
      </h3>
      <p className="minutes-item__facts">
        {isUncovered ? t('minutes.notCovered') : t(`labels.agendaStatus.${item.status}`)}
        {item.startedAt && <> · {t('minutes.started', { time: format.time(item.startedAt) })}</>}
        {item.floorOpenedAt && <> · {t('minutes.floorOpened', { time: format.time(item.floorOpenedAt) })}</>}
        {item.reopenings.map((r) => (
          <Fragment key={r.at}>
            {r.endedAt && <> · {t('minutes.closed', { time: format.time(r.endedAt) })}</>} ·{' '}
            <span data-testid={`minutes-item-reopened-${item.id}`}>
              {t('minutes.itemReopened', { time: format.time(r.at), reason: r.reason })}
            </span>
          </Fragment>
        ))}
        {item.closedAt && <> · {t('minutes.closed', { time: format.time(item.closedAt) })}</>}
        {deferredTo && <> · {t('minutes.deferredTo', { day: deferredTo.title })}</>}
        {item.timer.extraMinutes > 0 && <> · {t('timer.extended', { count: item.timer.extraMinutes })}</>}
      </p>
      {hasPresented && presenters.length > 0 && (
        <p>
          <span className="minutes__label">{t('minutes.presenters')}</span> {presenters.map((p) => p.name).join(', ')}
        </p>
      )}
      {report && hasPresented && (
        <div className="table-scroll" tabIndex={0}>
          <table className="figures minutes-figures">
            <caption>{t('minutes.figures', { revision: report.revision })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.indicator')}</th>
                <th scope="col">{t('report.planned')}</th>
                <th scope="col">{t('report.reported')}</th>
                <th scope="col">{t('report.verified')}</th>
                <th scope="col">{t('report.fulfilment')}</th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    {i.name}
                    {i.isProduction && <span className="tag">{t('report.productionTag')}</span>}
                    <DirectionTag indicator={i} />
                  </th>
                  <td>
                    {format.figure(i.planned)} {i.measure}
                  </td>
                  <td>
                    {format.figure(i.reported)} {i.measure}
                  </td>
                  <td>{i.verified === null ? '—' : `${format.figure(i.verified)} ${i.measure}`}</td>
                  <td>{format.percent(fulfilment(i))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hasPresented && findings.length > 0 && (
        <>
          <h4>{t('minutes.verifications')}</h4>
          <ul className="minutes-list" data-testid={`minutes-verifications-${item.id}`}>
            {findings.map(({ indicator, recorded, earlier, later }) => {
              const reported = `${format.figure(indicator.reported)} ${indicator.measure}`;
              return (
                <li key={indicator.id}>
                  <span className="minutes__label">
                    {recorded === null
                      ? t('minutes.notVerifiedAtClose', { indicator: indicator.name, reported })
                      : t('minutes.verificationLine', {
                          indicator: indicator.name,
                          verified: `${format.figure(recorded.to)} ${indicator.measure}`,
                          reported,
                        })}
                  </span>
                  {recorded && (
                    <>
                      {' '}
                      — {t('minutes.verifiedBy', { name: name(recorded.actorId), time: when(recorded.at) })}
                      {recorded.finding && <>: {recorded.finding}</>}
                    </>
                  )}
                  {earlier.length + later.length > 0 && (
                    <ul className="minutes-statements">
                      {[
                        ...earlier.map((c) => ['verifiedEarlier', c] as const),
                        ...later.map((c) => ['verifiedAfterClose', c] as const),
                      ].map(([key, c], index) => (
                        <li key={index} className={key === 'verifiedAfterClose' ? 'minutes__remark' : undefined}>
                          {t(`minutes.${key}`, {
                            verified: `${format.figure(c.to)} ${indicator.measure}`,
                            time: when(c.at),
                            name: name(c.actorId),
                          })}
                          {c.finding && <>: {c.finding}</>}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
      {report && hasPresented && flags.length > 0 && (
        <ul className="minutes-list">
          {flags.map((flag, index) => (
            <li key={index}>
              <span aria-hidden="true">⚠ </span>
              <strong>{flagTitle(t, flag)}</strong>: {flagReason(t, flag, report, format)}
            </li>
          ))}
        </ul>
      )}
      {(hasPresented || criticisms.length > 0) && <h4>{t('minutes.criticisms', { count: criticisms.length })}</h4>}
      {!hasPresented && criticisms.length === 0 ? null : criticisms.length === 0 ? (
        <p className="muted">{t('minutes.noCriticism')}</p>
      ) : (
        <ol className="minutes-list">
          {criticisms.map((c) => (
            <li key={c.id} data-testid={`minutes-criticism-${c.id}`}>
              <p>
                <span className="minutes__label">
                  {t(`labels.category.${c.category}`)}, {t(`labels.severity.${c.severity}`)}
                </span>{' '}
                — {name(c.authorId)}, {format.time(c.postedAt)}
                {c.endorsedBy.length > 0 && (
                  <>
                    {' '}
                    ·{' '}
                    {t('criticism.endorsements', {
                      count: c.endorsedBy.length,
                      formatted: format.figure(c.endorsedBy.length),
                    })}
                  </>
                )}
              </p>
              {hidingsShownAgain(c).map((h) => (
                <p key={h.at} className="minutes__hidden">
                  {readsReasons
                    ? t('minutes.hiddenThenShownWithReason', {
                        time: when(h.at),
                        shown: when(h.shown.at),
                        reason: h.reason,
                      })
                    : t('minutes.hiddenThenShown', { time: when(h.at), shown: when(h.shown.at) })}
                </p>
              ))}
              {c.hidden ? (
                <p className="minutes__hidden">
                  {readsReasons ? t('minutes.hiddenWithReason', { reason: c.hidden.reason }) : t('minutes.hidden')}
                </p>
              ) : (
                <p>{c.text}</p>
              )}
              {c.response && (
                <p>
                  <span className="minutes__label">{t('criticism.response')}</span> {c.response.text}
                </p>
              )}
              {c.ruling && (
                <p>
                  <span className="minutes__label">{t('criticism.ruling')}</span> {rulingText(t, c.ruling)}
                  {c.ruling.note && ` (${c.ruling.note})`}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {speeches.length > 0 && (
        <>
          <h4>{t('minutes.speeches')}</h4>
          <ul className="minutes-list">
            {speeches.map((s, index) => (
              <li key={index}>
                {name(s.participantId)}: {format.time(s.from)}–{format.time(s.to)} ({formatDuration(s.durationMs)})
              </li>
            ))}
          </ul>
        </>
      )}
      {directives.length > 0 && (
        <>
          <h4>{t('minutes.directives')}</h4>
          <ul className="minutes-list">
            {directives.map((d) => (
              <DirectiveLine key={d.id} directive={d} />
            ))}
          </ul>
        </>
      )}
    </article>
  );
}
