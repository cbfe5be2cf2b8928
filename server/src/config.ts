import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './lib/clientAddress.js';
import type { HaltPlan } from './realtime/faults.js';
import type { Protections } from './realtime/protections.js';

const BucketSchema = z.object({ capacity: z.number().positive(), refillPerSecond: z.number().min(0) });

/** Test-only: protections a fault test replaces or switches off (`false`) in a server process. */
const ProtectionsOverrideSchema = z
  .object({
    checkOrigin: z.boolean(),
    disconnectOnAuthorityChange: z.boolean(),
    messages: z.union([z.literal(false), z.object({ perSocket: BucketSchema, perAddress: BucketSchema })]),
    addressScaling: z.union([
      z.literal(false),
      z.object({
        perParticipant: BucketSchema,
        maxParticipants: z.number().int().positive(),
        windowMs: z.number().int().positive(),
      }),
    ]),
    commits: z.union([z.literal(false), z.object({ inFlight: z.number().int().positive(), rate: BucketSchema })]),
    reads: z.union([
      z.literal(false),
      z.object({ perParticipant: BucketSchema, perAddress: BucketSchema, inFlight: z.number().int().positive() }),
    ]),
    strikes: z.union([z.literal(false), BucketSchema]),
    handshakes: z.union([z.literal(false), BucketSchema]),
    socketsPerParticipant: z.union([z.literal(false), z.number().int().positive()]),
    abuseCooldownMs: z.number().int().min(0),
    outboundBytes: z.union([z.literal(false), z.number().int().positive()]),
    requestShape: z.union([
      z.literal(false),
      z.object({ maxDepth: z.number().int().positive(), maxValues: z.number().int().positive() }),
    ]),
    http: z.union([
      z.literal(false),
      z.object({ windowMs: z.number().int().positive(), limit: z.number().int().positive() }),
    ]),
  })
  .partial()
  .strict();

/**
 * `PLENUM_TEST_FAULTS`, JSON, for fault tests only: where to halt the server so the test can
 * SIGKILL it (`halt`), the P3 negative control (`ackBeforeCommit`), a step of the demo's seeding
 * at which the process kills itself (`haltSeedAt`), and protections to change.
 */
const TestFaultsSchema = z
  .object({
    halt: z.object({ point: z.enum(['after-commit', 'after-ack']), nth: z.number().int().positive() }).nullable(),
    ackBeforeCommit: z.boolean(),
    haltSeedAt: z.number().int().positive().nullable(),
    protections: ProtectionsOverrideSchema,
  })
  .partial()
  .strict();

/** What PLENUM_TEST_FAULTS asks for. */
export interface TestFaults {
  halt: HaltPlan | null;
  ackBeforeCommit: boolean;
  /** Kill the process at the end of this step of the demo's first seeding. */
  haltSeedAt: number | null;
  protections: Partial<Protections>;
}

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on; 127.0.0.1 by default, 0.0.0.0 to serve a network. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the SQLite file lives. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL instead of SQLite. */
  DATABASE_URL: z.url().optional(),
  /** Several server processes share rooms through Redis. */
  REDIS_URL: z.url().optional(),
  /**
   * The reverse proxies in front of the server, whose X-Forwarded-For names the client: how
   * many there are, or their addresses and subnets (comma-separated; presets loopback,
   * linklocal, uniquelocal). Default: none, and X-Forwarded-For is ignored.
   */
  TRUST_PROXY: z.string().default(''),
  /** Comma-separated browser origins allowed to connect besides PUBLIC_URL's. */
  ALLOWED_ORIGINS: z.string().default(''),
  /**
   * Base of invite links; its origin may connect from a browser. Default http://localhost:PORT,
   * with browsers allowed from it and http://127.0.0.1:PORT.
   */
  PUBLIC_URL: z.url().optional(),
  /** Enables `POST /api/sessions` for the organisation's administrator. */
  ADMIN_TOKEN: z.string().min(24).optional(),
  /** Seed a demo review session when the store is empty (and reissue its links at start). */
  DEMO: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Fault tests only (see TestFaultsSchema); a production server never has it. */
  PLENUM_TEST_FAULTS: z.string().optional(),
});

/** The server's configuration, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  redisUrl: string | null;
  allowedOrigins: string[];
  /** PUBLIC_URL; null when unset (links and origins then follow the port listened on). */
  publicUrl: string | null;
  adminToken: string | null;
  demo: boolean;
  logLevel: string;
  heartbeatMs: number;
  trustProxy: TrustProxy | null;
  /** Set only by fault tests, through PLENUM_TEST_FAULTS. */
  testFaults: TestFaults | null;
}

/** Parses the environment; throws a readable error naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? null,
    redisUrl: e.REDIS_URL ?? null,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    publicUrl: e.PUBLIC_URL ?? null,
    adminToken: e.ADMIN_TOKEN ?? null,
    demo: e.DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    heartbeatMs: e.HEARTBEAT_MS,
    trustProxy: readTrustProxy(e.TRUST_PROXY),
    testFaults: e.PLENUM_TEST_FAULTS === undefined ? null : parseTestFaults(e.PLENUM_TEST_FAULTS),
  };
}

function readTrustProxy(text: string): TrustProxy | null {
  try {
    return parseTrustProxy(text);
  } catch (error) {
    throw new Error(`Invalid configuration:\n  TRUST_PROXY: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseTestFaults(text: string): TestFaults {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error('Invalid configuration:\n  PLENUM_TEST_FAULTS: not JSON');
  }
  const parsed = TestFaultsSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  PLENUM_TEST_FAULTS.${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return {
    halt: parsed.data.halt ?? null,
    ackBeforeCommit: parsed.data.ackBeforeCommit ?? false,
    haltSeedAt: parsed.data.haltSeedAt ?? null,
    protections: parsed.data.protections ?? {},
  };
}
