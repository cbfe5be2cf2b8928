import type { Notification } from '@plenum/shared';
import { Suspense, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import { topicIn } from '../lib/itemTitle';
import { useRealtime, type NotificationFeed } from '../realtime/RealtimeContext';
import { lazyWithRetry } from '../shell/lazyWithRetry';
import { useSessionStore } from '../stores/session';
import { useNotifications } from './useNotifications';
import './NotificationBell.css';

// Loaded when the panel first opens: the first visit's script, on a slow link, carries the bell alone.
const NotificationChoicesForm = lazyWithRetry(() =>
  import('./NotificationChoicesForm').then((module) => module.NotificationChoicesForm),
);

/** The bell in the session header; nothing where the screen has no live session. */
export function NotificationBell() {
  const { notifications } = useRealtime();
  return notifications ? <Bell feed={notifications} /> : null;
}

function Bell({ feed }: { feed: NotificationFeed }) {
  const { t } = useTranslation();
  const view = useNotifications(feed);
  const [isOpen, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && isOpen) {
      event.stopPropagation();
      close();
    }
  };

  return (
    <div className="bell" onKeyDown={onKeyDown}>
      <button
        ref={buttonRef}
        type="button"
        className="button button--small bell__button"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={view.isLoaded ? t('notifications.bell', { count: view.unread }) : t('notifications.heading')}
        data-testid="notification-bell"
        data-unread={view.isLoaded ? view.unread : undefined}
        onClick={() => {
          if (!isOpen) view.readNow();
          setOpen(!isOpen);
        }}
      >
        <Icon name="bell" />
        {view.unread > 0 && (
          <span className="bell__count" aria-hidden="true">
            {view.unread}
          </span>
        )}
      </button>
      {/* Said when the count changes, e.g. a notification arrives while the panel is closed. */}
      <span className="visually-hidden" role="status" aria-live="polite">
        {view.unread > 0 ? t('notifications.unread', { count: view.unread }) : ''}
      </span>
      {isOpen && (
        <section
          id={panelId}
          className="panel bell__panel"
          aria-labelledby={`${panelId}-heading`}
          data-testid="notification-panel"
        >
          <div className="bell__head">
            <h2 id={`${panelId}-heading`} className="panel__heading">
              {t('notifications.heading')}
            </h2>
            <button
              type="button"
              className="button button--small"
              disabled={view.unread === 0}
              onClick={() => void view.markRead()}
              data-testid="notifications-mark-all"
            >
              {t('notifications.markAllRead')}
            </button>
            <button type="button" className="button button--small" onClick={close}>
              {t('notifications.close')}
            </button>
          </div>
          {view.error && (
            <p role="alert" className="bell__error">
              {t('notifications.loadFailed', { reason: view.error })}
            </p>
          )}
          {!view.isLoaded && view.notifications.length === 0 ? (
            !view.error && (
              <p className="muted" role="status" data-testid="notifications-loading">
                {t('notifications.loading')}
              </p>
            )
          ) : view.notifications.length === 0 ? (
            <p className="muted">{t('notifications.empty')}</p>
          ) : (
            <ul className="bell__list">
              {view.notifications.map((n) => (
                <NotificationRow key={n.id} notification={n} onRead={() => void view.markRead([n.id])} />
              ))}
            </ul>
          )}
          <Suspense fallback={null}>
            <NotificationChoicesForm feed={feed} />
          </Suspense>
        </section>
      )}
    </div>
  );
}

function NotificationRow({ notification, onRead }: { notification: Notification; onRead: () => void }) {
  const { t, i18n } = useTranslation();
  const isUnread = notification.readAt === null;
  // An item whose topic the system wrote is named in this screen's language, not the one it was stored in.
  const { itemId } = notification.subject;
  const item = useSessionStore((s) =>
    itemId !== null && s.session.sessionId === notification.sessionId ? s.session.agenda[itemId] : undefined,
  );
  const text = t(`notifications.kind.${notification.kind}`, {
    subject: item?.generatedTopic ? topicIn(t, item) : (notification.subject.title ?? ''),
    dueDate: notification.subject.dueDate ?? '',
  });
  const at = new Date(notification.at).toLocaleString(i18n.language, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <li className={isUnread ? 'bell__item bell__item--unread' : 'bell__item'} data-testid="notification">
      <p className="bell__text">
        {isUnread && <span className="tag">{t('notifications.new')}</span>} {text}
      </p>
      <p className="muted bell__meta">
        <time dateTime={notification.at}>{at}</time>
        {isUnread && (
          <button type="button" className="button button--small" onClick={onRead} data-testid="notification-read">
            {t('notifications.markRead')}
            <span className="visually-hidden">: {text}</span>
          </button>
        )}
      </p>
    </li>
  );
}
