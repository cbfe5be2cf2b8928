import type { Role } from '@plenum/shared';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumArgs, chromiumPath } from '../helpers/chromium.js';
import { appendCriticisms } from '../helpers/criticisms.js';
import { expectLive, skipsBrowserTests } from './helpers/browser.js';
import { ensureClientBuilt } from '../helpers/clientBuild.js';
import { startE2eServer } from './helpers/e2eServer.js';
import { createShapedLink, shapedLinkUnavailable, type ShapedLink } from './helpers/shapedLink.js';

/** A county office's link. */
const rateKbit = 256;
/**
 * A first visit received 467 kB before the bundle was compressed. Its scripts now come as
 * brotli, built on Preact's React layer, and only the words of its language and screens: the
 * first script (the shell and the socket), the participants' screen, fetched while the socket
 * joins, and the chair's or the big screen's own code once the join answer names the role: 104 kB
 * of HTTP bodies for the big screen and 110.6 kB for the chair's console (3 kB of which the code
 * and words that say a refused field's reason, a schema check's or a domain rule's, in the
 * reader's language; 1 kB the reload onto a new build after a deploy, the unsent criticism kept
 * when its item closes and the questions before opening a day off its date, since December 2026,
 * when the bound rose from 110 to 112 kB; 111.5 kB once the chair's questions before closing an
 * item, adjourning or opening a day loaded on their first use, 1.2 kB, and the words of a file
 * refused as a whole came with the import screens; 112.7 kB, and a bound of 113 kB, since the long
 * text fields count toward their limit and keep what is past it, 0.3 kB, and the charts wrap long
 * names on two lines and measure their legends, 0.5 kB; 113.4 kB, and a bound of 114 kB, since a
 * participant's refusals (a raised hand while speaking, an endorsement, a directive's step, a
 * verification before the report) carry their own reasons and words, and single-line fields keep
 * a long paste and say what is past their limit; 115.5 kB, and a bound of 116 kB, since the chair
 * can show a hidden criticism again and reassign an inspection order, a directive carried into
 * the next review reads as followed up there, the directive form and the open tab survive a
 * reload, and an offline official is told why Post waits: 0.8 kB on the floor, 0.5 kB in the
 * shell, 0.6 kB of words); 111.9 kB, and a bound of 112.5 kB, since the directive form opened
 * from a criticism loads on its first use (1 kB) and the words of directives, of the views away
 * from the floor and of the questions before a step that cannot be taken back load with the
 * screens that show them (3 kB); 106.6 kB (chair, from 112 kB) and 101 kB (big screen, from
 * 106.4 kB), and a bound of 107.2 kB, since the words and code that say why a command was
 * refused load with the first refusal, and the chair's form moving a day, which checks with
 * them, on its first use (5.4 kB). A second visit takes the page, the assets and the words
 * from the service worker's cache. The times are reported, not asserted (they follow the
 * machine's load; `npm run bench` is where speed is measured): at 256 kbit/s, 5 s carry about
 * 160 kB.
 */
const firstVisitBytes = 107_200;
const secondVisitBytes = 20_000;
/**
 * All a second visit receives over the link: the TLS handshake, the socket and the bell's list
 * of notifications (one REST call, most of it headers). The join asks only for what followed the
 * last visit's state, kept on the device, and what it answers comes deflated: about 2 kB; the
 * chair's join also carries who is online. A join from 0 with its answer deflated was about 8 kB,
 * uncompressed 23 kB. What crosses the link also counts TCP's retransmissions, which a loaded
 * machine causes: 5.9–8.2 kB were seen in CI. The exact claims are the test's others (no script, no
 * HTTP body over `secondVisitBytes`); this bound says the rest stays a small part of a first visit.
 */
const secondVisitLinkBytes = 12_000;
/** A busy session's first visit: the demo with this many criticisms on the item on the floor. */
const busyCriticisms = 2_000;

/** In the page: the highest `lastSeq` of the visits kept for next time (idb-keyval's default store). */
async function keptSeq(): Promise<number> {
  // Opened only once the page made it: opening it first would make it without idb-keyval's store.
  if (!(await indexedDB.databases()).some((db) => db.name === 'keyval-store')) return 0;
  return new Promise((resolve) => {
    const opened = indexedDB.open('keyval-store');
    opened.onerror = () => resolve(0);
    opened.onsuccess = () => {
      const db = opened.result;
      if (!db.objectStoreNames.contains('keyval')) return resolve(0);
      const all = db.transaction('keyval').objectStore('keyval').getAll();
      all.onerror = () => resolve(0);
      all.onsuccess = () =>
        resolve(
          Math.max(0, ...(all.result as { session?: { lastSeq?: number } }[]).map((v) => v.session?.lastSeq ?? 0)),
        );
    };
  });
}

const unavailable = shapedLinkUnavailable();
const isCI = process.env.CI === 'true';
if (unavailable !== null && !isCI) console.warn(`\n!!! poor-link browser test skipped: ${unavailable} !!!\n`);

/**
 * Opens `url` in a page behind the shaped link. The link carries IPv4 only, so that Chromium sees
 * no address arrive on it once it is up; should Chromium still take a change of the namespace's
 * network for a new network, it aborts the navigation under way (ERR_NETWORK_CHANGED, or the
 * navigation interrupted by its error page or by its own reload), which is the test's network and
 * not the server's answer: that navigation is made again. The test itself makes no other
 * navigation. A server that does not answer still fails on the third attempt.
 */
async function gotoOverLink(page: Page, url: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await page.goto(url, { waitUntil: 'commit', timeout: 30_000 });
      return;
    } catch (error) {
      const aborted = /ERR_NETWORK_CHANGED|interrupted by another navigation/.test(String(error));
      if (attempt >= 3 || !aborted) throw error;
    }
  }
}

describe.skipIf(skipsBrowserTests || (unavailable !== null && !isCI))('a screen over a 256 kbit/s link', () => {
  let link: ShapedLink | null = null;
  let browser: Browser | null = null;
  beforeAll(async () => {
    if (unavailable !== null) throw new Error(`CI=true requires the poor-link test: ${unavailable}`);
    await ensureClientBuilt();
    link = createShapedLink({ rateKbit, chromium: chromiumPath });
    browser = await chromium.launch({
      executablePath: link.browserPath,
      headless: true,
      timeout: 30_000,
      args: chromiumArgs,
    });
  });
  afterAll(async () => {
    await browser?.close();
    link?.remove();
  });

  for (const role of ['observer', 'chair'] as const satisfies readonly Role[]) {
    test(`the ${role}'s screen arrives compressed on a first visit and from the cache on a second`, async () => {
      const server = await startE2eServer({ host: link!.hostAddress, tls: link!.tls });
      const context = await browser!.newContext({
        viewport: { width: 1366, height: 900 },
        locale: 'en-GB',
      });
      try {
        const visit = async () => {
          const page = await context.newPage();
          // What the server sent, as HTTP measures it (TCP's retransmissions, which a loaded
          // machine causes, count on the link but not here); a response from a cache has no body.
          const responses: Promise<void>[] = [];
          let responseBytes = 0;
          const scripts: { bytes: number; encoding: string }[] = [];
          page.on('requestfinished', (request) => {
            responses.push(
              (async () => {
                const [sizes, response] = await Promise.all([request.sizes(), request.response()]);
                const bytes = Math.max(0, sizes.responseBodySize);
                responseBytes += bytes;
                if (request.resourceType() === 'script' && bytes > 0) {
                  scripts.push({ bytes, encoding: response?.headers()['content-encoding'] ?? 'none' });
                }
              })(),
            );
          });
          const bytesBefore = link!.receivedBytes();
          const start = Date.now();
          await gotoOverLink(page, server.inviteUrl(role));
          await expectLive(page, 30_000);
          // Live, and the role's screen painted: its code follows the join answer.
          await page.getByTestId('screen-loading').waitFor({ state: 'detached', timeout: 30_000 });
          const ms = Date.now() - start;
          const bytes = link!.receivedBytes() - bytesBefore;
          await Promise.all(responses);
          // The service worker is registered once the session is live; a participant stays on
          // the page, so the next visit finds it installed, and the state it keeps for the next
          // visit (idb-keyval's store) reaches the log's head, this join's attendance included.
          await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
          await server.app.settleAttendance();
          const head = (await server.app.commands.state(server.sessionId)).lastSeq;
          await expect.poll(() => page.evaluate(keptSeq), { timeout: 30_000 }).toBeGreaterThanOrEqual(head);
          await page.close();
          return { ms, bytes, responseBytes, scripts: scripts.sort((a, b) => b.bytes - a.bytes) };
        };
        const first = await visit();
        const second = await visit();
        console.info(
          `poor link ${rateKbit} kbit/s, ${role}: first visit live in ${first.ms} ms (${first.bytes} bytes on the link, ${first.responseBytes} in HTTP bodies), second in ${second.ms} ms (${second.bytes} on the link, ${second.responseBytes} in HTTP bodies, ${second.scripts.length} scripts fetched)`,
        );
        // The link is really that slow: nothing arrived faster than it carries (a control on the shaping).
        expect(first.bytes * 8).toBeLessThanOrEqual(rateKbit * 1000 * (first.ms / 1000) + 16_000 * 8);
        // The two largest scripts (the first screen's code and its words) come as brotli.
        expect(first.scripts.slice(0, 2).map((script) => script.encoding)).toEqual(['br', 'br']);
        expect(first.responseBytes).toBeLessThanOrEqual(firstVisitBytes);
        expect(second.scripts).toEqual([]);
        expect(second.responseBytes).toBeLessThanOrEqual(secondVisitBytes);
        expect(second.bytes).toBeLessThanOrEqual(secondVisitLinkBytes);
      } finally {
        await context.close();
        await server.close();
      }
    });
  }

  test('a busy session’s first visit takes the saved state in place of its log (P26): times and bytes, with and without a snapshot', async () => {
    const visits: { hasSnapshot: boolean; ms: number; bytes: number; binaryFrames: number }[] = [];
    for (const hasSnapshot of [false, true]) {
      const server = await startE2eServer({ host: link!.hostAddress, tls: link!.tls });
      const chair = server.participants.chair;
      await server.app.commands.execute(chair, server.sessionId, 'busy-start-item-2', {
        type: 'agenda:start-item',
        payload: { itemId: 'item-2' },
      });
      await appendCriticisms(server.app, server.sessionId, chair.id, busyCriticisms, 'busy');
      if (hasSnapshot) await server.app.commands.saveSnapshots();
      const context = await browser!.newContext({ viewport: { width: 1366, height: 900 }, locale: 'en-GB' });
      try {
        const page = await context.newPage();
        // The saved state is socket.io's binary attachment: the one binary frame of a visit.
        let binaryFrames = 0;
        page.on('websocket', (socket) =>
          socket.on('framereceived', ({ payload }) => {
            if (typeof payload !== 'string') binaryFrames++;
          }),
        );
        const bytesBefore = link!.receivedBytes();
        const start = Date.now();
        await gotoOverLink(page, server.inviteUrl('observer'));
        await expectLive(page, 60_000);
        await page.getByTestId('screen-loading').waitFor({ state: 'detached', timeout: 60_000 });
        visits.push({ hasSnapshot, ms: Date.now() - start, bytes: link!.receivedBytes() - bytesBefore, binaryFrames });
      } finally {
        await context.close();
        await server.close();
      }
    }
    for (const visit of visits) {
      console.info(
        `poor link ${rateKbit} kbit/s, observer of a session of ${busyCriticisms} criticisms, ${visit.hasSnapshot ? 'with' : 'without'} a saved state: first visit live in ${visit.ms} ms (${visit.bytes} bytes on the link)`,
      );
    }
    expect(visits.map((visit) => visit.binaryFrames > 0)).toEqual([false, true]);
  }, 120_000);
});
