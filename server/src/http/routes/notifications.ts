import {
  ApiScope,
  defaultNotificationChoices,
  IdSchema,
  MarkNotificationsReadBodySchema,
  NotificationChoicesSchema,
  NotificationListSchema,
  type NotificationList,
} from '@plenum/shared';
import type { Request } from 'express';
import { z } from 'zod';
import { DomainError } from '../../domain/errors.js';
import type { NotificationService } from '../../notifications/NotificationService.js';
import { requireApi, type ApiAuth } from '../middleware/apiAuth.js';
import type { ApiOperation } from '../openapi/operation.js';

export interface NotificationRoutesOptions {
  notifications: NotificationService;
  auth: ApiAuth;
}

const SessionParams = z.object({ sessionId: IdSchema });
const emptyList: NotificationList = { notifications: [], unread: 0 };

/**
 * A person's own notifications and choices, signed in by their invitation (an administrator by
 * their link). An API token acts for no person: it reads an empty list and the defaults, and may
 * not save choices.
 */
export function notificationOperations(options: NotificationRoutesOptions): ApiOperation[] {
  const { notifications, auth } = options;

  /** The session and the person whose notifications the request reads or changes; null for an API token. */
  async function recipient(req: Request): Promise<{ sessionId: string; participantId: string | null }> {
    const { sessionId } = SessionParams.parse(req.params);
    const principal = await requireApi(req, auth, ApiScope.readSessions, { sessionId, participants: 'reader' });
    return { sessionId, participantId: principal.kind === 'token' ? null : principal.actor.id };
  }

  const common = {
    tag: 'Notifications',
    scope: ApiScope.readSessions,
    params: SessionParams,
  } as const;
  return [
    {
      ...common,
      method: 'get',
      path: '/api/v1/sessions/{sessionId}/notifications',
      operationId: 'listNotifications',
      summary: 'Your notifications in this session, newest first, with how many are unread',
      response: { status: 200, description: 'Your notifications', schema: NotificationListSchema },
      handle: async (req) => {
        const { sessionId, participantId } = await recipient(req);
        return participantId === null ? emptyList : notifications.list(sessionId, participantId);
      },
    },
    {
      ...common,
      method: 'post',
      path: '/api/v1/sessions/{sessionId}/notifications/read',
      operationId: 'markNotificationsRead',
      summary: 'Mark your notifications read: those named, or all of them',
      body: MarkNotificationsReadBodySchema,
      response: { status: 200, description: 'Your notifications as they are now', schema: NotificationListSchema },
      handle: async (req) => {
        const { sessionId, participantId } = await recipient(req);
        const body = MarkNotificationsReadBodySchema.parse(req.body ?? {});
        return participantId === null ? emptyList : notifications.markRead(sessionId, participantId, body.ids);
      },
    },
    {
      ...common,
      method: 'get',
      path: '/api/v1/sessions/{sessionId}/notifications/choices',
      operationId: 'getNotificationChoices',
      summary: 'Which notifications you receive, in the app and by e-mail, and in which language',
      response: {
        status: 200,
        description: 'Your choices (the defaults if you made none)',
        schema: NotificationChoicesSchema,
      },
      handle: async (req) => {
        const { sessionId, participantId } = await recipient(req);
        return participantId === null ? defaultNotificationChoices() : notifications.choices(sessionId, participantId);
      },
    },
    {
      ...common,
      method: 'put',
      path: '/api/v1/sessions/{sessionId}/notifications/choices',
      operationId: 'setNotificationChoices',
      summary: 'Choose which notifications you receive, where, and in which language',
      description: 'Refused to an API token, which acts for no person.',
      body: NotificationChoicesSchema,
      response: { status: 200, description: 'Your choices as saved', schema: NotificationChoicesSchema },
      handle: async (req) => {
        const { sessionId, participantId } = await recipient(req);
        if (participantId === null) {
          throw new DomainError('FORBIDDEN', 'An API token acts for no person: sign in with your invitation link.');
        }
        return notifications.saveChoices(sessionId, participantId, NotificationChoicesSchema.parse(req.body));
      },
    },
  ];
}
