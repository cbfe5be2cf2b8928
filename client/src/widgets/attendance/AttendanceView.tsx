import { canIssue, dayAttendance } from '@plenum/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../../components/ErrorNote';
import { useFormat } from '../../lib/useFormat';
import { useCommand } from '../../realtime/useCommand';
import { connectionSelectors, useConnectionStore } from '../../stores/connection';
import { presenceSelectors, usePresenceStore } from '../../stores/presence';
import { decisionSelectors, floorSelectors, useSessionState, useSessionStore } from '../../stores/session';
import { Panel } from '../../components/Panel';
import './AttendanceView.css';

/**
 * Attendance per day: who connected (recorded automatically) and the chair's roll call, with
 * who is online now while the connection is live. Who was present is counted by the one rule
 * the minutes use: the roll call where taken, else a connection.
 */
export function AttendanceView() {
  const { t } = useTranslation();
  const format = useFormat();
  const dayFieldId = useId();
  const definedDays = useSessionStore((s) => s.session.definition?.days);
  const openDayId = useSessionStore((s) => floorSelectors.openDay(s.session)?.id);
  const status = useSessionStore((s) => s.session.status);
  const canSend = useConnectionStore(connectionSelectors.canSend);
  const isLive = useConnectionStore(connectionSelectors.isLive);
  const online = usePresenceStore((s) => s.online);
  const { run, error, dismissError, isBusy } = useCommand();
  const days = definedDays ?? [];
  const [chosenDayId, setChosenDayId] = useState<string | null>(null);
  const dayId = chosenDayId ?? openDayId ?? days[0]?.id ?? '';
  const day = days.find((d) => d.id === dayId);
  const rows = useSessionState(decisionSelectors.attendanceOfDay, dayId);
  const mayRecord = canIssue('chair', 'attendance:record', status) && canSend && !isBusy;
  // Counted as the minutes and the records count (`dayAttendance`); the roll call's own figures beside.
  const { present, connected, invited } = useSessionState(dayAttendance, dayId);
  const calledPresent = rows.filter((r) => r.present === true).length;
  const calledAbsent = rows.filter((r) => r.present === false).length;
  const onlineNow = rows.filter((r) => presenceSelectors.isOnline(online, r.participant.id)).length;

  const record = (participantId: string, name: string, isPresent: boolean) =>
    void run(
      { type: 'attendance:record', payload: { dayId, participantId, present: isPresent } },
      t('attendance.failed', { name }),
    );

  return (
    <Panel heading={t('attendance.heading')} className="attendance" testId="attendance">
      <div className="field field--inline">
        <label htmlFor={dayFieldId}>{t('attendance.day')}</label>
        <select id={dayFieldId} value={dayId} onChange={(e) => setChosenDayId(e.target.value)}>
          {days.map((d) => (
            <option key={d.id} value={d.id}>
              {t('agenda.defer.dayOption', { title: d.title, date: format.date(d.date) })}
            </option>
          ))}
        </select>
      </div>
      {day && (
        <>
          <p data-testid="attendance-summary">
            {t('attendance.summary', {
              present: format.figure(present.length),
              connected: format.figure(connected),
              invited: format.figure(invited.length),
            })}
          </p>
          <p className="muted" data-testid="attendance-roll-call-summary">
            {t('attendance.rollCallSummary', {
              present: format.figure(calledPresent),
              absent: format.figure(calledAbsent),
              notCalled: format.figure(rows.length - calledPresent - calledAbsent),
            })}
          </p>
        </>
      )}
      {isLive && (
        <p data-testid="attendance-online-summary">
          {t('attendance.onlineSummary', { online: format.figure(onlineNow) })}
        </p>
      )}
      <ErrorNote message={error} onDismiss={dismissError} />
      <div className="table-scroll" tabIndex={0}>
        {/* On a phone each participant reads as a card, each cell under its column's name (`data-label`). */}
        <table className="figures figures--stacked attendance__table">
          <caption className="visually-hidden">{t('attendance.caption', { day: day?.title ?? '' })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('attendance.participant')}</th>
              <th scope="col">{t('attendance.role')}</th>
              <th scope="col">{t('attendance.connected')}</th>
              <th scope="col">{t('attendance.rollCall')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ participant, connectedAt, present: isPresent }) => (
              <tr key={participant.id} data-testid={`attendance-row-${participant.id}`}>
                <th scope="row">
                  {participant.name}
                  {isLive && presenceSelectors.isOnline(online, participant.id) && (
                    <span className="presence-marker" data-testid={`attendance-online-${participant.id}`}>
                      <span aria-hidden="true">◉ </span>
                      {t('attendance.onlineNow')}
                    </span>
                  )}
                </th>
                <td data-label={t('attendance.role')}>{t(`labels.role.${participant.role}`)}</td>
                <td data-label={t('attendance.connected')}>
                  {connectedAt ? (
                    // One element, so a phone's card row keeps the marker beside its time.
                    <span>
                      <span aria-hidden="true">● </span>
                      {t('attendance.connectedAt', { time: format.time(connectedAt) })}
                    </span>
                  ) : (
                    <span className="muted">{t('attendance.notConnected')}</span>
                  )}
                </td>
                <td data-label={t('attendance.rollCall')}>
                  <div
                    className="toggle-group"
                    role="group"
                    aria-label={t('attendance.rollCallOf', { name: participant.name })}
                  >
                    <button
                      type="button"
                      className="button button--small toggle"
                      data-testid={`attendance-present-${participant.id}`}
                      aria-pressed={isPresent === true}
                      disabled={!mayRecord || isPresent === true}
                      onClick={() => record(participant.id, participant.name, true)}
                    >
                      {isPresent === true && <span aria-hidden="true">✓ </span>}
                      {t('attendance.present')}
                    </button>
                    <button
                      type="button"
                      className="button button--small toggle"
                      data-testid={`attendance-absent-${participant.id}`}
                      aria-pressed={isPresent === false}
                      disabled={!mayRecord || isPresent === false}
                      onClick={() => record(participant.id, participant.name, false)}
                    >
                      {isPresent === false && <span aria-hidden="true">✗ </span>}
                      {t('attendance.absent')}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
