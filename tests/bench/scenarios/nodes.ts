import { randomBytes } from 'node:crypto';
import { createApp, createLogger, ensureDemo } from '@plenum/server';
import { PostgresStore } from '@plenum/server/postgres';
import { createClient } from 'redis';
import type { BenchConfig } from '../config.js';
import type { Child } from '../lib/children.js';
import { closeAll, connectMany, type LoadClient } from '../lib/clients.js';
import { criticismRequest, Room, type SaturatedResult, type ServerKind } from '../lib/load.js';
import { figure, type Figure } from '../lib/report.js';
import { startBare, startPlenumNode, urlOf, type StartOptions } from '../lib/servers.js';
import { delay, round, summarise, waitUntil, type LatencySummary } from '../lib/stats.js';
import type { RedisRoomsOptions } from '../servers/redisRooms.js';

/**
 * One room spread over 1, 2 and 3 nodes that share it through Redis (`@socket.io/redis-adapter`):
 * Plenum nodes on one PostgreSQL schema, and bare socket.io nodes over the same adapter as the
 * baseline. Not part of the smoke run. The schemas and every Redis key under the run's prefixes
 * are removed at the end.
 */

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const nodeCounts = [1, 2, 3];
/** Participants in the room (BENCH_NODES_ROOM), spread round-robin over the nodes. */
const roomSize = Number(process.env.BENCH_NODES_ROOM ?? 60);
/** Paced phase: criticisms per second, posted by participants on the first node. */
const pacedRate = 20;
/**
 * Criticisms in flight in the saturated phase. The rooms scenario's window (8) made the rate
 * follow the round trip through Redis rather than the nodes' capacity: in one run the servers
 * were 10–14 % busy on 2 nodes while the rate fell to a seventh of one node's.
 */
const nodesWindow = 64;
/** `#<k>` numbers of the paced phases start here, far above the saturated phases'. */
const pacedBase = 10_000_000;

export interface PacedByNode {
  /** Every delivery. */
  all: LatencySummary;
  /** Receivers on the senders' node, and on the other nodes (null with one node). */
  sameNode: LatencySummary;
  crossNode: LatencySummary | null;
  missing: number;
  ackErrors: number;
  firstError: string | null;
}

export interface NodeCountResult {
  nodes: number;
  /** Every counted round; the best counts. */
  fanout: { bare: SaturatedResult[]; plenum: SaturatedResult[] };
  paced: { bare: PacedByNode; plenum: PacedByNode };
}

export interface NodesResult {
  roomSize: number;
  counts: NodeCountResult[];
}

interface Seeded {
  schema: string;
  sessionId: string;
  tokens: string[];
}

/** The demo review with `roomSize` officials and item-2 started, in a schema of its own. */
async function seed(schema: string): Promise<Seeded> {
  const store = await PostgresStore.open(databaseUrl, { schema });
  const app = createApp({ store, logger: createLogger({ level: 'silent' }), publicUrl: 'http://127.0.0.1' });
  try {
    const demo = await ensureDemo({ sessions: app.sessions, commands: app.commands, settings: store, ids: app.ids });
    const chair = demo.invitations.find((i) => i.participant.role === 'chair')!.participant;
    await app.commands.execute(chair, demo.sessionId, 'bench-nodes-start-item-2', {
      type: 'agenda:start-item',
      payload: { itemId: 'item-2' },
    });
    const tokens: string[] = [];
    for (let i = 0; i < roomSize; i++) {
      const invited = await app.sessions.invite(demo.sessionId, {
        name: `Bench official ${i + 1}`,
        role: 'official',
        unitId: null,
      });
      tokens.push(invited.token);
    }
    return { schema, sessionId: demo.sessionId, tokens };
  } finally {
    await app.close();
    await store.close();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = createClient({ url: redisUrl });
  redis.on('error', () => undefined);
  await redis.connect();
  try {
    for await (const keys of redis.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (keys.length > 0) await redis.del(keys);
    }
  } finally {
    await redis.close();
  }
}

/** The room on `count` nodes of one kind: clients round-robin over the nodes, each joined. */
interface Spread {
  kind: ServerKind;
  nodes: Child<{ port: number }>[];
  /** Clients of each node. */
  byNode: LoadClient[][];
  sessionId: string;
}

async function spread(
  kind: ServerKind,
  count: number,
  seeded: Seeded,
  redis: RedisRoomsOptions,
  options: StartOptions,
): Promise<Spread> {
  const nodes: Child<{ port: number }>[] = [];
  const byNode: LoadClient[][] = [];
  const sessionId = kind === 'bare' ? 'bare' : seeded.sessionId;
  try {
    for (let n = 0; n < count; n++)
      nodes.push(
        kind === 'bare'
          ? await startBare(options, redis)
          : await startPlenumNode({ databaseUrl, schema: seeded.schema, redis }, options),
      );
    for (let n = 0; n < count; n++) {
      const tokens = seeded.tokens.filter((_, i) => i % count === n);
      byNode.push(await connectMany(urlOf(nodes[n]!), tokens, { join: { sessionId, afterSeq: 0, limit: 1 } }));
    }
    return { kind, nodes, byNode, sessionId };
  } catch (error) {
    await stopSpread({ kind, nodes, byNode, sessionId });
    throw error;
  }
}

/** The nodes first, then their clients (see README: closing sockets keeps a server busy). */
async function stopSpread(room: Spread): Promise<void> {
  await Promise.all(room.nodes.map((node) => node.stop()));
  for (const clients of room.byNode) closeAll(clients);
}

/**
 * Open loop at `pacedRate` for the paced duration, posted in rotation by the participants on the
 * first node; each delivery's latency (emit to the receiver's frame, one clock) is kept by the
 * receiver's node. A delivery missing at the drain bound counts at the bound.
 */
async function pacedByNode(room: Spread, config: BenchConfig, base: number): Promise<PacedByNode> {
  const total = Math.max(1, Math.round((pacedRate * config.paced.durationMs) / 1000));
  const receivers = room.byNode.flat();
  const sentAt = new Float64Array(total).fill(Number.NaN);
  const got = room.byNode.map(() => new Uint32Array(total));
  const same: number[] = [];
  const cross: number[] = [];
  room.byNode.forEach((clients, n) => {
    for (const client of clients) {
      client.onCriticism = (k) => {
        const i = k - base;
        if (i < 0 || i >= total || Number.isNaN(sentAt[i]!)) return;
        got[n]![i]!++;
        (n === 0 ? same : cross).push(performance.now() - sentAt[i]!);
      };
    }
  });
  let ackErrors = 0;
  let firstError: string | null = null;
  const senders = room.byNode[0]!;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    await delay(Math.max(0, t0 + (i * 1000) / pacedRate - performance.now()));
    const request = criticismRequest(`bench-nodes-${room.kind}-${base + i}`, room.sessionId, base + i);
    sentAt[i] = performance.now();
    senders[i % senders.length]!.emit('command', request, 10_000, (error, answer) => {
      const ack = answer as { ok: boolean; error?: { code: string } };
      if (error || !ack.ok) {
        ackErrors++;
        firstError ??= error ? error.message : (ack.error?.code ?? 'refused');
      }
    });
  }
  const expected = total * receivers.length;
  await waitUntil(() => same.length + cross.length >= expected, config.paced.drainMs);
  const now = performance.now();
  let missing = 0;
  room.byNode.forEach((clients, n) => {
    for (let i = 0; i < total; i++) {
      for (let r = got[n]![i]!; r < clients.length; r++) {
        missing++;
        (n === 0 ? same : cross).push(now - sentAt[i]!);
      }
    }
  });
  for (const client of receivers) client.onCriticism = null;
  return {
    all: summarise(Float64Array.from([...same, ...cross])),
    sameNode: summarise(Float64Array.from(same)),
    crossNode: room.byNode.length > 1 ? summarise(Float64Array.from(cross)) : null,
    missing,
    ackErrors,
    firstError,
  };
}

function best(results: SaturatedResult[]): SaturatedResult {
  return results.reduce((a, b) => (b.deliveriesPerSecond > a.deliveriesPerSecond ? b : a));
}

export async function measureNodes(
  config: BenchConfig,
  log: (line: string) => void,
  options: StartOptions,
): Promise<NodesResult> {
  const suffix = randomBytes(6).toString('hex');
  const prefix = `plenum-bench-nodes-${suffix}`;
  // A schema per node count: the load generator's command ids restart with each room.
  const schemas: string[] = [];
  const counts: NodeCountResult[] = [];
  try {
    let pacedK = pacedBase;
    for (const count of nodeCounts) {
      const schema = `bench_nodes_${suffix}_${count}`;
      schemas.push(schema);
      const seeded = await seed(schema);
      log(`nodes: seeded ${roomSize} officials in schema ${schema}`);
      const redis = (kind: ServerKind): RedisRoomsOptions => ({ url: redisUrl, prefix: `${prefix}-${kind}-${count}` });
      const bare = await spread('bare', count, seeded, redis('bare'), options);
      try {
        const plenum = await spread('plenum', count, seeded, redis('plenum'), options);
        try {
          const senders = Math.min(config.senders, roomSize);
          const rooms = {
            bare: new Room(
              { kind: 'bare', url: urlOf(bare.nodes[0]!), sessionId: 'bare', server: bare.nodes[0]! },
              bare.byNode.flat(),
              senders,
            ),
            plenum: new Room(
              { kind: 'plenum', url: urlOf(plenum.nodes[0]!), sessionId: seeded.sessionId, server: plenum.nodes[0]! },
              plenum.byNode.flat(),
              senders,
            ),
          };
          const saturated = (room: Room, warmup = false) =>
            room.saturated({
              warmupMs: config.fanout.warmupMs,
              durationMs: warmup ? config.fanout.warmupMs : config.fanout.durationMs,
              drainMs: config.fanout.drainMs,
              window: nodesWindow,
              maxMessages: 200_000,
            });
          await saturated(rooms.bare, true);
          await saturated(rooms.plenum, true);
          const fanout = { bare: [] as SaturatedResult[], plenum: [] as SaturatedResult[] };
          for (let r = 0; r < config.fanout.rounds; r++) {
            fanout.bare.push(await saturated(rooms.bare));
            fanout.plenum.push(await saturated(rooms.plenum));
          }
          // The participants' commit budgets (3/s, burst 10) refill before the paced phase.
          await delay(3000);
          const paced = {
            bare: await pacedByNode(bare, config, (pacedK += 100_000)),
            plenum: await pacedByNode(plenum, config, (pacedK += 100_000)),
          };
          counts.push({ nodes: count, fanout, paced });
          log(
            `nodes: ${count} — fan-out per node bare ${Math.round(best(fanout.bare).deliveriesPerSecond / count)}, Plenum ${Math.round(best(fanout.plenum).deliveriesPerSecond / count)}; p50 bare ${round(paced.bare.all.p50, 2)} ms, Plenum ${round(paced.plenum.all.p50, 2)} ms`,
          );
        } finally {
          await stopSpread(plenum);
        }
      } finally {
        await stopSpread(bare);
      }
    }
    return { roomSize, counts };
  } finally {
    for (const schema of schemas) await PostgresStore.dropSchema(databaseUrl, schema);
    await deleteKeys(prefix);
  }
}

const perNode = (result: NodeCountResult, kind: ServerKind) =>
  best(result.fanout[kind]).deliveriesPerSecond / result.nodes;

function describePaced(paced: PacedByNode): string {
  const errors = paced.ackErrors > 0 ? `, ${paced.ackErrors} refused or lost (${paced.firstError})` : '';
  return `p50/p99 ${round(paced.all.p50, 2)}/${round(paced.all.p99, 2)} ms, ${paced.missing} missing${errors}`;
}

export function nodesFigures(result: NodesResult): Figure[] {
  const out: Figure[] = [];
  const one = result.counts.find((c) => c.nodes === 1);
  for (const c of result.counts) {
    const [bare, plenum] = [best(c.fanout.bare), best(c.fanout.plenum)];
    out.push(
      figure({
        id: `nodes.fanout.${c.nodes}`,
        group: 'nodes',
        label: `fan-out per node, ${c.nodes} node${c.nodes > 1 ? 's' : ''}, room of ${result.roomSize}`,
        unit: 'deliveries/s',
        value: perNode(c, 'plenum'),
        baseline: perNode(c, 'bare'),
        baselineOf: 'bare socket.io + Redis adapter, same nodes',
        higherIsBetter: true,
        note: `all nodes: Plenum ${Math.round(plenum.deliveriesPerSecond)}, bare ${Math.round(bare.deliveriesPerSecond)} deliveries/s; ${plenum.ackErrors + bare.ackErrors} refused; load generator CPU ${Math.round(plenum.loadGeneratorCpuPercent)} %; first node's server CPU ${Math.round(plenum.serverCpuPercent)} % (bare ${Math.round(bare.serverCpuPercent)} %)`,
      }),
    );
    if (one && c.nodes > 1)
      out.push(
        figure({
          id: `nodes.scaling.${c.nodes}`,
          group: 'nodes',
          label: `fan-out per node, ${c.nodes} nodes against 1`,
          unit: 'deliveries/s',
          value: perNode(c, 'plenum'),
          baseline: perNode(one, 'plenum'),
          baselineOf: 'Plenum on 1 node, same run',
          higherIsBetter: true,
          goal: { text: '≥ 0.90× one node', check: (_v, ratio) => ratio !== null && ratio >= 0.9 },
          note: `bare socket.io: ${Math.round(perNode(c, 'bare'))} against ${Math.round(perNode(one, 'bare'))} on 1 node (${(perNode(c, 'bare') / perNode(one, 'bare')).toFixed(2)}×)`,
        }),
      );
    for (const q of ['p50', 'p99'] as const)
      out.push(
        figure({
          id: `nodes.latency.${c.nodes}.${q}`,
          group: 'nodes',
          label: `latency ${q} at ${pacedRate} msg/s, ${c.nodes} node${c.nodes > 1 ? 's' : ''}`,
          unit: 'ms',
          value: c.paced.plenum.all[q],
          baseline: c.paced.bare.all[q],
          baselineOf: 'bare socket.io + Redis adapter, same nodes',
          note: `Plenum ${describePaced(c.paced.plenum)}; bare ${describePaced(c.paced.bare)}`,
        }),
      );
    const cross = c.paced.plenum.crossNode;
    if (cross)
      out.push(
        figure({
          id: `nodes.cross.${c.nodes}.p50`,
          group: 'nodes',
          label: `cross-node p50, ${c.nodes} nodes`,
          unit: 'ms',
          value: cross.p50,
          baseline: c.paced.plenum.sameNode.p50,
          baselineOf: 'Plenum same-node p50, same phase',
          goal: { text: '≤ same-node + 5 ms', check: (value) => value <= c.paced.plenum.sameNode.p50 + 5 },
          note: `p99 cross ${round(cross.p99, 2)} ms, same ${round(c.paced.plenum.sameNode.p99, 2)} ms; bare cross/same p50 ${round(c.paced.bare.crossNode!.p50, 2)}/${round(c.paced.bare.sameNode.p50, 2)} ms`,
        }),
      );
  }
  return out;
}
