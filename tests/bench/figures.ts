import type { BenchConfig } from './config.js';

/** The figures of the `render` scenario, which CI's smoke run checks on its own. */
export const renderFigureIds = ['render.p95'];
/** The figures of the `pdf` scenario, which CI's smoke run checks on its own. */
export const pdfFigureIds = ['pdf.ping.max', 'pdf.render', 'snapshot.loop'];

/** The figures of the `bytes` scenario, which CI's smoke run checks on its own. */
export const bytesFigureIds = [
  'bytes.chair.first',
  'bytes.chair.second',
  'bytes.official.first',
  'bytes.official.second',
  'bytes.join.deflated',
  'bytes.fanout.1',
  'bytes.fanout.8',
];

/** Every figure id a run of `config` must produce: the smoke test checks them all. */
export function expectedFigureIds(config: BenchConfig): string[] {
  const ids: string[] = [];
  for (const size of config.roomSizes) {
    ids.push(`seat.${size}`, `fanout.${size}`, `memory.${size}`);
    for (const load of config.paced.loads) for (const q of ['p50', 'p99']) ids.push(`paced.${size}.${load * 100}.${q}`);
  }
  ids.push('ack.full.p50', 'ack.full.p99', 'ack.senders.p50', 'ack.senders.p99');
  for (const count of config.catchup.counts) ids.push(`catchup.${count}`, `catchup.state.${count}`);
  for (const log of config.startup.logs) ids.push(`startup.${log.id}`);
  ids.push('startup.demo');
  ids.push('client.initialGzip', 'client.jsGzip', 'client.cssGzip', 'client.live');
  ids.push(...renderFigureIds);
  ids.push(...pdfFigureIds);
  ids.push(...bytesFigureIds);
  return ids;
}
