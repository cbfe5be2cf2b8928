import {
  type Notification,
  type NotificationLanguage,
  type Participant,
  type ReviewSessionDefinition,
} from '@plenum/shared';
import { serverWords } from '../lib/serverWords.js';
import en from './locales/en.json' with { type: 'json' };
import ko from './locales/ko.json' with { type: 'json' };

// The role labels are the screens' own words (the terms in shared); the mails' own words are in ./locales.
const instance = serverWords(en, ko);

/** The subject and plain-text body of an e-mail. */
export interface MailText {
  subject: string;
  body: string;
}

type SessionNames = Pick<ReviewSessionDefinition, 'title' | 'period' | 'organisation'>;

type Words = ReturnType<typeof instance.getFixedT>;

/** The mail whose subject and body are `<key>.subject` and `<key>.body` in ./locales. */
function mailOf(t: Words, key: string, values: Record<string, string>): MailText {
  return { subject: t(`${key}.subject`, values), body: t(`${key}.body`, values) };
}

/** The invitation, or a reissued link: with the administrators' own, the only e-mails that carry a link with a token. */
export function invitationMail(
  language: NotificationLanguage,
  session: SessionNames,
  participant: Participant,
  link: string,
  kind: 'invitation' | 'reissued' = 'invitation',
): MailText {
  const t = instance.getFixedT(language);
  return mailOf(t, kind, { ...session, name: participant.name, role: t(`labels.role.${participant.role}`), link });
}

/** An administrator's invitation, or their reissued link: the link signs them in to the whole organisation. */
export function administratorMail(
  language: NotificationLanguage,
  administrator: Participant,
  link: string,
  kind: 'invitation' | 'reissued' = 'invitation',
): MailText {
  return mailOf(instance.getFixedT(language), `administrator.${kind}`, { name: administrator.name, link });
}

/** A notification by e-mail: what happened and where, never a link that signs anyone in. */
export function noticeMail(
  language: NotificationLanguage,
  session: SessionNames,
  notification: Notification,
): MailText {
  const t = instance.getFixedT(language);
  const values = {
    ...session,
    subject: notification.subject.title ?? session.title,
    dueDate: notification.subject.dueDate ?? '',
  };
  return {
    subject: t(`notice.subject.${notification.kind}`, values),
    body: `${t(`notice.body.${notification.kind}`, values)}\n\n${t('notice.footer')}`,
  };
}
