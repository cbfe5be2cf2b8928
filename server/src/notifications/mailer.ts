import type { Transporter } from 'nodemailer';

/** One plain-text e-mail to one recipient. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail; injected, so that nothing is sent where `SMTP_URL` is not set. */
export interface Mailer {
  /** Resolves once the SMTP server accepted the message; rejects when it refused it or cannot be reached. */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A mailer over SMTP (`smtp://user:pass@host:port`, `smtps://…` for TLS from the start), from `from`. */
export function smtpMailer(url: string, from: string): Mailer {
  // nodemailer is loaded with the first e-mail sent, not at every start.
  let transport: Promise<Transporter> | null = null;
  const opened = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) => nodemailer.createTransport(url)));
  return {
    send: async (mail) => {
      await (await opened()).sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => void transport?.then((opened) => opened.close()),
  };
}
