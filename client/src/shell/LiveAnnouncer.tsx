import {
  changedCriticisms,
  criticismCount,
  criticismIdsFrom,
  criticismOf,
  type AgendaItemState,
  type SessionState,
} from '@plenum/shared';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../i18n';
import { excerpt, formatPercent } from '../lib/format';
import { itemTitle, topicIn } from '../lib/itemTitle';
import { rulingText } from '../lib/rulingText';
import { connectionStore } from '../stores/connection';
import { sessionSelectors, sessionStore } from '../stores/session';

/** Beyond this many new criticisms at once, only their number is said. */
const criticismsSpokenOneByOne = 3;

/** What changed between two states that a person following by ear should hear, in the current language. */
export function announcementsBetween(
  previous: SessionState,
  next: SessionState,
  t: TFunction = i18n.t.bind(i18n),
  locale: string = i18n.language,
): string[] {
  const messages: string[] = [];
  if (previous.sessionId !== next.sessionId) return messages;
  const name = (participantId: string) =>
    sessionSelectors.participantName(next, participantId) ?? t('common.aParticipant');
  const unitName = (unitId: string) => sessionSelectors.unitName(next, unitId) ?? t('common.aUnit');
  const topic = (item: AgendaItemState) => topicIn(t, item);

  const previousItem = previous.currentItemId ? previous.agenda[previous.currentItemId] : undefined;
  const nextItem = next.currentItemId ? next.agenda[next.currentItemId] : undefined;
  if (previousItem && previousItem.id !== nextItem?.id) {
    const after = next.agenda[previousItem.id];
    messages.push(
      after?.status === 'deferred'
        ? t('announce.itemDeferred', { topic: topic(previousItem) })
        : t('announce.itemClosed', { topic: topic(previousItem) }),
    );
  }
  if (nextItem && nextItem.id !== previousItem?.id) {
    const unit = sessionSelectors.unitName(next, nextItem.unitId);
    messages.push(t('announce.nowPresenting', { topic: itemTitle(topic(nextItem), unit) }));
  } else if (nextItem && previousItem && nextItem.status !== previousItem.status && nextItem.status === 'floor-open') {
    messages.push(t('announce.floorOpen', { topic: topic(nextItem) }));
  }
  if (nextItem && previousItem && nextItem.id === previousItem.id) {
    if (previousItem.timer.runningSince !== null && nextItem.timer.runningSince === null) {
      messages.push(t('announce.timerPaused'));
    } else if (previousItem.timer.runningSince === null && nextItem.timer.runningSince !== null) {
      messages.push(t('announce.timerResumed'));
    }
    const extra = nextItem.timer.extraMinutes - previousItem.timer.extraMinutes;
    if (extra > 0) messages.push(t('announce.timeExtended', { count: extra }));
  }

  const speaker = next.floor.speaker;
  if (speaker && speaker.participantId !== previous.floor.speaker?.participantId) {
    messages.push(t('announce.floorGiven', { name: name(speaker.participantId) }));
  }

  const added = criticismIdsFrom(next, criticismCount(previous));
  if (added.length > criticismsSpokenOneByOne) {
    messages.push(t('announce.manyCriticisms', { count: added.length }));
  } else {
    for (const id of added) {
      const criticism = criticismOf(next, id);
      if (!criticism) continue;
      messages.push(
        t('announce.newCriticism', {
          author: name(criticism.authorId),
          category: t(`labels.category.${criticism.category}`),
          severity: t(`labels.severity.${criticism.severity}`),
          text: excerpt(criticism.text),
        }),
      );
    }
  }
  for (const [before, after] of changedCriticisms(previous, next)) {
    if (after.ruling && before.ruling?.at !== after.ruling.at) {
      messages.push(t('announce.ruled', { ruling: rulingText(t, after.ruling), text: excerpt(after.text, 60) }));
    }
  }

  for (const id of next.directiveOrder.slice(previous.directiveOrder.length)) {
    const directive = next.directives[id];
    if (directive && directive.carriedFromSessionId === null) {
      messages.push(
        t('announce.directiveIssued', { unit: unitName(directive.assigneeUnitId), title: directive.title }),
      );
    }
  }
  // Not by position: a warning taken back leaves the order.
  for (const id of next.warningOrder) {
    const warning = next.warnings[id];
    if (warning && !previous.warnings[id] && warning.carriedFromSessionId === null) {
      messages.push(
        t('announce.warningIssued', {
          unit: unitName(warning.unitId),
          fulfilment: formatPercent(warning.fulfilment, locale),
        }),
      );
    }
  }
  for (const id of previous.warningOrder) {
    const before = previous.warnings[id];
    const after = next.warnings[id];
    if (before?.status === 'open' && after && after.status !== 'open') {
      messages.push(
        after.status === 'lifted'
          ? t('announce.warningLifted', { unit: unitName(after.unitId) })
          : t('announce.warningEscalated', { unit: unitName(after.unitId) }),
      );
    }
  }
  for (const taken of next.reconsidered.slice(previous.reconsidered.length)) {
    messages.push(t(`announce.reconsidered.${taken.decision}`, { unit: unitName(taken.unitId) }));
  }
  if (previous.status !== 'closed' && next.status === 'closed') messages.push(t('announce.sessionClosed'));
  return messages;
}

/**
 * A polite live region announcing new criticisms, rulings, decisions and agenda item changes.
 * Events replayed by a catch-up are not news, so only changes folded while the connection is
 * live are spoken.
 */
export function LiveAnnouncer() {
  const { t, i18n: instance } = useTranslation();
  const [message, setMessage] = useState('');

  useEffect(
    () =>
      sessionStore.subscribe((state, previous) => {
        if (state.session === previous.session || connectionStore.getState().status !== 'live') return;
        const messages = announcementsBetween(previous.session, state.session, t, instance.language);
        if (messages.length > 0) setMessage(messages.join(' '));
      }),
    [t, instance],
  );

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
