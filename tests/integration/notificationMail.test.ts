import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createApp,
  createLogger,
  demoData,
  ensureDemo,
  smtpMailer,
  SqliteStore,
  type App,
  type Clock,
  type Timers,
} from '@plenum/server';
import type { IssuedLink } from '@plenum/shared';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { describe, expect, onTestFinished, test } from 'vitest';
import { saveAdministrator } from '../helpers/administrator.js';
import { api, dataOf } from '../helpers/api.js';
import { connectClient } from '../helpers/connectClient.js';
import { deferred, type Deferred } from '../helpers/deferred.js';
import { expectOk, sendCommand } from '../helpers/factories.js';
import { listenOnLoopback } from '../helpers/localServer.js';
import { connectionOf } from '../helpers/sqliteConnection.js';

/** A message as the SMTP receiver got it, decoded. */
interface Received {
  to: string;
  subject: string;
  text: string;
}

/**
 * A real SMTP server on an ephemeral loopback port that keeps every message it accepts; it
 * refuses the first `refuse` recipients with a temporary error (451), as a busy server does.
 */
async function startSmtpReceiver(options: { refuse?: number } = {}) {
  const received: Received[] = [];
  let refusals = options.refuse ?? 0;
  const waiting: { until: (all: readonly Received[]) => boolean; done: Deferred<void> }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refusals > 0) {
        refusals--;
        callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
      } else callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address).join(','),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
          });
          for (const w of waiting) if (w.until(received)) w.done.resolve();
          callback();
        })
        .catch((error: unknown) => callback(error as Error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Resolves once the messages received so far satisfy `until`. */
    until(until: (all: readonly Received[]) => boolean): Promise<void> {
      if (until(received)) return Promise.resolve();
      const done = deferred();
      waiting.push({ until, done });
      return done.promise;
    },
  };
}

/** A clock the test moves by hand. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = Date.parse('2026-04-13T09:00:00.000Z');
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/** Timers that never fire by themselves: the test runs the due check and the outbox itself. */
const handDriven: Timers = { after: () => () => undefined, nextTurn: (task) => setImmediate(task) };

/** The app on a store file of its own, e-mailing through `smtpUrl`; closed and removed when the test finishes. */
async function mailingApp(smtpUrl: string, clock: Clock, random?: () => number) {
  const dir = await mkdtemp(join(tmpdir(), 'plenum-mail-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  const store = new SqliteStore(join(dir, 'plenum.sqlite'));
  const app = createApp({
    store,
    logger: createLogger({ level: 'silent' }),
    clock,
    notifications: { mailer: smtpMailer(smtpUrl, 'plenum@example.org'), timers: handDriven, ...(random && { random }) },
  });
  onTestFinished(async () => {
    await app.close();
    await store.close();
  });
  return { store, app };
}

const day = 24 * 3_600_000;
const directiveTitle = 'Explain the missed catch';

describe('e-mail through a real SMTP server on loopback (real SQLite file)', () => {
  test('the invitation and an overdue notice arrive once each, in Korean, the notice without a token, across restarts; with the sent record cleared, a second one arrives', async () => {
    const smtp = await startSmtpReceiver();
    const dir = await mkdtemp(join(tmpdir(), 'plenum-mail-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    const file = join(dir, 'plenum.sqlite');
    const clock = manualClock();
    const open = async () => {
      const store = new SqliteStore(file);
      const app: App = createApp({
        store,
        logger: createLogger({ level: 'silent' }),
        clock,
        notifications: { mailer: smtpMailer(smtp.url, 'Plenum <plenum@example.org>'), timers: handDriven },
      });
      const url = await listenOnLoopback(app.httpServer);
      const close = async () => {
        await app.close();
        await store.close();
      };
      onTestFinished(close);
      await app.notifications.start();
      return { store, app, url, close };
    };

    const first = await open();
    const demo = await ensureDemo({
      sessions: first.app.sessions,
      commands: first.app.commands,
      settings: first.store,
      ids: first.app.ids,
    });
    const admin = await saveAdministrator(first.store);
    const answer = await api<{ participant: { id: string }; link: string }>(
      first.url,
      `/api/sessions/${demo.sessionId}/invitations`,
      {
        method: 'POST',
        token: admin.token,
        body: {
          name: '김현수',
          role: 'presenter',
          unitId: 'harbour-fisheries',
          email: 'kim@harbour.example.org',
          language: 'ko',
        },
      },
    );
    const issued = dataOf(answer) as IssuedLink;
    const token = new URL(issued.link).hash.replace('#token=', '');
    expect(token.length).toBeGreaterThan(20);
    const toKim = (m: Received) => m.to === 'kim@harbour.example.org';
    await smtp.until((all) => all.some(toKim));
    const [invitation] = smtp.received.filter(toKim);
    expect(invitation!.subject).toContain('초대');
    expect(invitation!.text).toContain(issued.link);
    expect(invitation!.text).toContain('발표자');
    // A reissued link goes to the same address, in the language of the invitation; the old one is not in it.
    const reissued = dataOf<IssuedLink>(
      await api(first.url, `/api/sessions/${demo.sessionId}/participants/${issued.participant.id}/reissue`, {
        method: 'POST',
        token: admin.token,
      }),
    );
    await smtp.until((all) => all.some((m) => toKim(m) && m.text.includes(reissued.link)));
    const newLink = smtp.received.find((m) => toKim(m) && m.text.includes(reissued.link))!;
    expect(newLink.subject).toContain('새 링크');
    expect(newLink.text).not.toContain(token);

    // The chair orders an explanation due today; tomorrow it is overdue.
    const chairToken = demo.invitations.find((i) => i.participant.role === 'chair')!.token;
    const chair = await connectClient(first.url, { sessionId: demo.sessionId, token: chairToken });
    onTestFinished(() => void chair.disconnect());
    expectOk(
      await sendCommand(chair, demo.sessionId, {
        type: 'directive:issue',
        payload: {
          kind: 'explain-failure',
          assigneeUnitId: 'harbour-fisheries',
          title: directiveTitle,
          text: null,
          dueDate: clock.now().toISOString().slice(0, 10),
          fromCriticismId: null,
        },
      }),
    );
    chair.disconnect();
    await first.close();

    const isOverdueNotice = (m: Received) =>
      toKim(m) && m.subject.includes(directiveTitle) && m.subject.includes('경과');
    clock.advance(day);
    const second = await open();
    await smtp.until((all) => all.some(isOverdueNotice));
    const [notice] = smtp.received.filter(isOverdueNotice);
    expect(notice!.text).toContain('기한');
    expect(notice!.text).not.toContain(token);
    expect(notice!.text).not.toContain('#token=');
    // The schedule runs again, and the server restarts: nothing is sent twice.
    await second.app.notifications.checkDue();
    await second.app.notifications.runMail();
    await second.close();
    const third = await open();
    await third.app.notifications.checkDue();
    await third.app.notifications.runMail();
    expect(smtp.received.filter(isOverdueNotice)).toHaveLength(1);
    expect(smtp.received.filter((m) => toKim(m) && m.subject.includes('초대'))).toHaveLength(1);
    // Every message to Kim is Korean, and only the invitation carries the token.
    expect(smtp.received.filter(toKim).every((m) => /[가-힣]/.test(m.subject))).toBe(true);
    expect(smtp.received.filter((m) => m.text.includes(token))).toEqual([invitation]);
    expect(smtp.received.filter((m) => m.text.includes('#token='))).toEqual([invitation, newLink]);
    await third.close();

    // Negative control: with the record of what was made and sent cleared, the next check sends it again.
    const cleared = new SqliteStore(file);
    connectionOf(cleared).prepare('DELETE FROM notifications').run();
    connectionOf(cleared).prepare('DELETE FROM mail_outbox').run();
    await cleared.close();
    await open();
    await smtp.until((all) => all.filter(isOverdueNotice).length >= 2);
    expect(smtp.received.filter(isOverdueNotice)).toHaveLength(2);
  });

  test('an administrator invited with an address gets their administrator link by e-mail, in their language; one without gets none', async () => {
    const smtp = await startSmtpReceiver();
    const { store, app } = await mailingApp(smtp.url, manualClock());
    const url = await listenOnLoopback(app.httpServer);
    // No demo: the deployment's organisation is the default one.
    const admin = await saveAdministrator(store, 'main');
    const invite = async (body: object) =>
      dataOf<{ administrator: { id: string }; link: string }>(
        await api(url, '/api/admin/administrators', { method: 'POST', token: admin.token, body }),
      );
    const withAddress = await invite({ name: '이서연', email: 'lee@ministry.example.org', language: 'ko' });
    await invite({ name: 'No Address', email: null });
    await smtp.until((all) => all.length > 0);
    await app.notifications.runMail();
    expect(smtp.received.map((m) => m.to)).toEqual(['lee@ministry.example.org']);
    const [mail] = smtp.received;
    expect(mail!.subject).toContain('관리자');
    // The administrator link, as the inviting administrator was shown it: it signs in to the admin console.
    expect(withAddress.link).toContain('/admin#token=');
    expect(mail!.text).toContain(withAddress.link);
  });

  test('a refused e-mail is not lost: retried after its backoff, then delivered once', async () => {
    const smtp = await startSmtpReceiver({ refuse: 1 });
    const clock = manualClock();
    const { store, app } = await mailingApp(smtp.url, clock, () => 0);
    const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
    await app.sessions.invite(demo.sessionId, {
      name: 'Park Official',
      role: 'official',
      unitId: null,
      email: 'park@example.org',
    });
    await app.notifications.runMail();
    expect(smtp.received).toEqual([]);
    // The first retry waits 15 to 30 s (equal jitter; none here).
    clock.advance(14_000);
    await app.notifications.runMail();
    expect(smtp.received).toEqual([]);
    clock.advance(2_000);
    await app.notifications.runMail();
    expect(smtp.received.map((m) => [m.to, m.subject])).toEqual([
      ['park@example.org', `Invitation: ${demoData.demoSession.title}`],
    ]);
    clock.advance(3_600_000);
    await app.notifications.runMail();
    expect(smtp.received).toHaveLength(1);
  });
});
