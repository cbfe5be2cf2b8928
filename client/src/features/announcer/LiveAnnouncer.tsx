import type { SessionState } from '@plenum/shared';
import { useEffect, useState } from 'react';
import { excerpt } from '../../lib/format';
import { criticismCategoryLabels, severityLabels } from '../../lib/labels';
import { connectionStore } from '../../stores/connection';
import { sessionSelectors, sessionStore } from '../../stores/session';

/** What changed between two states that a person following by ear should hear. */
export function announcementsBetween(previous: SessionState, next: SessionState): string[] {
  const messages: string[] = [];
  if (previous.sessionId !== next.sessionId) return messages;

  const previousItem = previous.currentItemId ? previous.agenda[previous.currentItemId] : undefined;
  const nextItem = next.currentItemId ? next.agenda[next.currentItemId] : undefined;
  if (previousItem && previousItem.id !== nextItem?.id) {
    const after = next.agenda[previousItem.id];
    const outcome = after?.status === 'deferred' ? 'deferred' : 'closed';
    messages.push(`Agenda item ${outcome}: ${previousItem.topic}.`);
  }
  if (nextItem && nextItem.id !== previousItem?.id) {
    const unit = sessionSelectors.unitName(next, nextItem.unitId);
    messages.push(`Now presenting: ${unit ? `${unit}, ` : ''}${nextItem.topic}.`);
  } else if (nextItem && previousItem && nextItem.status !== previousItem.status && nextItem.status === 'floor-open') {
    messages.push(`The floor is open for criticism on ${nextItem.topic}.`);
  }

  const added = next.criticismOrder.slice(previous.criticismOrder.length);
  if (added.length > 3) {
    messages.push(`${added.length} new criticisms.`);
  } else {
    for (const id of added) {
      const criticism = next.criticisms[id];
      if (!criticism) continue;
      const author = sessionSelectors.participantName(next, criticism.authorId);
      messages.push(
        `New criticism from ${author}, ${criticismCategoryLabels[criticism.category]}, ${severityLabels[criticism.severity]} severity: ${excerpt(criticism.text)}`,
      );
    }
  }
  return messages;
}

/**
 * A polite live region announcing new criticisms and agenda item changes. Events replayed by
 * a catch-up are not news, so only changes folded while the connection is live are spoken.
 */
export function LiveAnnouncer() {
  const [message, setMessage] = useState('');

  useEffect(
    () =>
      sessionStore.subscribe((state, previous) => {
        if (state.session === previous.session || connectionStore.getState().status !== 'live') return;
        const messages = announcementsBetween(previous.session, state.session);
        if (messages.length > 0) setMessage(messages.join(' '));
      }),
    [],
  );

  return (
    <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
