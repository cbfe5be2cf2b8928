import { request } from 'node:http';
import type { BenchConfig } from '../config.js';
import type { SnapshotSave } from '../servers/plenumServer.js';
import { nextLoopbackAddress } from '../lib/clients.js';
import { stallGoalMs } from '../lib/loop.js';
import { figure, type Figure } from '../lib/report.js';
import { startBare, startSeededPlenum, urlOf, type StartOptions } from '../lib/servers.js';
import { delay, median, round } from '../lib/stats.js';

export interface PdfResult {
  /** The session's log: its head seq, and the criticisms in it (each with its endorsements). */
  events: number;
  criticisms: number;
  /** From the request to the last byte of minutes.pdf, its second time: a PDF worker already started. */
  renderMs: number;
  /** The same the first time, which starts the PDF worker (its code, fonts and compiler warm-up). */
  firstRenderMs: number;
  /** The same for minutes.md, the same document without the layout. */
  markdownMs: number;
  bytes: number;
  /** Latencies of `GET /api/health`, one every `pingEveryMs`, while the PDF was made (both times). */
  during: number[];
  /** The same with nothing else running, just before. */
  idle: number[];
  /** The server's longest event-loop stall from ready to the second PDF's last byte (before the snapshot's appends). */
  loopMaxMs: number;
  /** The session's snapshot saved once more after the PDFs (the events that make it due later), in a pause as the scheduler saves it, while criticisms are committed. */
  snapshot: SnapshotSave;
  /** Latencies of the same pings while the snapshot was saved. */
  duringSnapshot: number[];
}

const pingEveryMs = 10;

/** One `GET /api/health` from a loopback address of its own (the API's rate limit is per address): its latency. */
function ping(url: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/health`, { localAddress: nextLoopbackAddress() }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - started));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Pings every `pingEveryMs` (each waits for the one before) until `done`; the latencies. */
async function pingUntil(url: string, done: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (!done()) {
    latencies.push(await ping(url));
    await delay(pingEveryMs);
  }
  return latencies;
}

/**
 * The server keeps answering while it makes a long session's PDF minutes: a session of about
 * `config.pdf.events` events (criticisms, each endorsed `config.pdf.endorsements` times), the chair's minutes.pdf asked for twice in a row (the
 * first starts a PDF worker, the second finds it started), and the health endpoint pinged
 * meanwhile. The minutes are built and laid out in worker threads; on the main thread they
 * would hold every answer until the PDF is done.
 */
export async function measurePdf(
  config: BenchConfig,
  log: (line: string) => void,
  options: StartOptions,
): Promise<PdfResult> {
  const criticisms = Math.max(1, Math.round(config.pdf.events / (1 + config.pdf.endorsements)));
  const { child, seeded, cleanup } = await startSeededPlenum(
    { officials: 0, seedEvents: criticisms, seedEndorsements: config.pdf.endorsements },
    options,
  );
  // A witness of the machine: the bare server, idle beside Plenum; its longest stall goes in
  // the note of `loop.pdf`.
  const witness = await startBare(options).catch(async (error: unknown) => {
    await child.stop();
    cleanup();
    throw error;
  });
  try {
    const url = urlOf(child);
    const { sessionId, chairToken } = child.ready;
    const minutes = async (extension: string) => {
      const response = await fetch(`${url}/api/sessions/${sessionId}/minutes.${extension}`, {
        headers: { authorization: `Bearer ${chairToken}` },
      });
      if (response.status !== 200)
        throw new Error(`minutes.${extension} answered ${response.status}: ${await response.text()}`);
      return (await response.arrayBuffer()).byteLength;
    };
    const t = performance.now();
    await minutes('md');
    const markdownMs = performance.now() - t;
    const idleUntil = performance.now() + 1000;
    const idle = await pingUntil(url, () => performance.now() > idleUntil);
    let done = false;
    const pdfs = (async () => {
      let started = performance.now();
      await minutes('pdf');
      const firstRenderMs = performance.now() - started;
      started = performance.now();
      const bytes = await minutes('pdf');
      return { bytes, firstRenderMs, renderMs: performance.now() - started };
    })();
    const [during, made] = await Promise.all([pingUntil(url, () => done), pdfs.finally(() => (done = true))]);
    log(
      `pdf: ${seeded.head} events (${criticisms} criticisms), ${Math.round(made.firstRenderMs)} ms first, ${Math.round(made.renderMs)} ms then, ${made.bytes} bytes; health at most ${round(Math.max(...during))} ms meanwhile`,
    );
    // The appends that make the snapshot due are the harness's, in commits of 2,000 events: the
    // stall of the PDFs' part is taken before them.
    const { loopMaxMs } = await child.control<{ loopMaxMs: number }>('stats');
    done = false;
    const saving = child
      .control<SnapshotSave>('timedSnapshot', { endorsements: config.pdf.endorsements }, 120_000)
      .finally(() => (done = true));
    const [duringSnapshot, snapshot] = await Promise.all([pingUntil(url, () => done), saving]);
    log(
      `pdf: the snapshot saved in ${Math.round(snapshot.ms)} ms, the event loop held at most ${round(snapshot.loopMaxMs)} ms meanwhile; ${snapshot.commits} criticisms committed meanwhile, the longest in ${round(snapshot.commitMaxMs)} ms`,
    );
    return { events: seeded.head, criticisms, ...made, markdownMs, during, idle, loopMaxMs, snapshot, duringSnapshot };
  } finally {
    await Promise.all([child.stop(), witness.stop()]);
    cleanup();
  }
}

export function pdfFigures(r: PdfResult): Figure[] {
  const max = (values: number[]) => (values.length === 0 ? Number.NaN : Math.max(...values));
  return [
    figure({
      id: 'snapshot.loop',
      group: 'records',
      label: `longest event-loop stall while the snapshot of ${r.events.toLocaleString('en-US')} events is saved`,
      unit: 'ms',
      value: r.snapshot.loopMaxMs,
      baseline: stallGoalMs,
      baselineOf: `goal (${stallGoalMs} ms)`,
      goal: { text: `≤ ${stallGoalMs} ms`, check: (v) => v <= stallGoalMs },
      note: `from the save's start, in the pause after a commit, to the snapshot written, ${Math.round(r.snapshot.ms)} ms (event-loop delay at 10 ms resolution); ${r.snapshot.commits} criticisms committed one after another meanwhile, the longest in ${round(r.snapshot.commitMaxMs)} ms; ${r.duringSnapshot.length} health pings meanwhile, the longest ${round(max(r.duringSnapshot))} ms`,
    }),
    figure({
      id: 'pdf.ping.max',
      group: 'records',
      label: `longest health answer while minutes.pdf of ${r.events.toLocaleString('en-US')} events is made`,
      unit: 'ms',
      value: max(r.during),
      baseline: max(r.idle),
      baselineOf: 'the same pings with the server idle',
      goal: { text: '≤ 50 ms', check: (v) => v <= 50 },
      note: `${r.during.length} pings, one every ${pingEveryMs} ms after the answer before; median ${round(median(r.during))} ms (idle ${round(median(r.idle))} ms); the server's longest event-loop stall from ready to the second PDF's last byte ${round(r.loopMaxMs)} ms`,
    }),
    figure({
      id: 'pdf.render',
      group: 'records',
      label: `minutes.pdf of ${r.events.toLocaleString('en-US')} events, request to last byte, worker started`,
      unit: 'ms',
      value: r.renderMs,
      baseline: r.markdownMs,
      baselineOf: 'minutes.md of the same session',
      goal: { text: '≤ 5,000 ms', check: (v) => v <= 5000 },
      note: `${Math.round(r.bytes / 1024)} kB; the first request, which starts the worker: ${Math.round(r.firstRenderMs)} ms`,
    }),
  ];
}
