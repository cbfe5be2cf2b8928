import { z } from 'zod';
import { parseTrustProxy, type TrustProxy } from './lib/clientAddress.js';
import { parseCidrs, type ReceiverPolicy } from './webhooks/receiverPolicy.js';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to listen on; 127.0.0.1 by default, 0.0.0.0 to serve a network. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Where the SQLite file lives. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** PostgreSQL instead of SQLite. */
  DATABASE_URL: z.url().optional(),
  /** The PostgreSQL schema the store keeps its tables in; several deployments may share a database. */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _, at most 63')
    .default('plenum'),
  /** Several server processes share rooms through Redis. */
  REDIS_URL: z.url().optional(),
  /** The prefix of every Redis key and channel the processes share; several deployments may share a Redis. */
  REDIS_PREFIX: z.string().min(1).max(64).default('plenum'),
  /**
   * How rooms travel through Redis: `pubsub` (Redis pub/sub: what is published while a process
   * is cut off is dropped, and the heartbeat's catch-up mends it) or `streams` (a Redis stream:
   * resumed after an outage, but each process's own broadcasts wait for Redis meanwhile). See
   * the README's deployment section for the measurements behind the default.
   */
  REDIS_ADAPTER: z.enum(['pubsub', 'streams']).default('pubsub'),
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
  /** A token for automation, accepted by the REST API wherever an administrator link is. */
  ADMIN_TOKEN: z.string().min(24).optional(),
  /** Seed a demo review session when the store is empty (and reissue its links at start). */
  DEMO: z.enum(['true', 'false']).default('true'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEARTBEAT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  /** Worker threads making minutes PDFs at once, and PDF requests that may wait for one (more: 503). */
  PDF_WORKERS: z.coerce.number().int().min(1).max(64).default(2),
  PDF_QUEUE: z.coerce.number().int().min(0).max(1000).default(8),
  /**
   * Certificate chain and private key (PEM files) to serve HTTPS itself, where no TLS proxy
   * stands in front: browsers then get brotli and keep the app in their cache. Both or neither.
   */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /** Webhook receivers on private, loopback or link-local addresses are allowed (closed networks only). */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['1', '0', 'true', 'false']).default('0'),
  /** Comma-separated CIDR ranges webhook receivers may be in despite being internal, e.g. 10.20.0.0/16. */
  WEBHOOK_ALLOWED_CIDRS: z.string().default(''),
  /**
   * SMTP server the invitations and notices are e-mailed through, e.g.
   * `smtp://user:password@mail.example.org:587` (`smtps://` for TLS from the start). Unset: no e-mail.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  /** The sender of those e-mails. */
  SMTP_FROM: z.string().min(3).default('plenum@localhost'),
});

/** The server's configuration, read once from the environment at start. */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  databaseSchema: string;
  redisUrl: string | null;
  redisPrefix: string;
  redisAdapter: 'streams' | 'pubsub';
  allowedOrigins: string[];
  /** PUBLIC_URL; null when unset (links and origins then follow the port listened on). */
  publicUrl: string | null;
  adminToken: string | null;
  demo: boolean;
  logLevel: string;
  heartbeatMs: number;
  /** PDF_WORKERS and PDF_QUEUE: the minutes' worker threads (PDF and Markdown) and their queue. */
  minutesLimits: { workers: number; queue: number };
  trustProxy: TrustProxy | null;
  /** TLS_CERT_FILE and TLS_KEY_FILE; null: plain HTTP. */
  tls: { certFile: string; keyFile: string } | null;
  /** Which webhook receiver addresses may be reached (WEBHOOK_ALLOW_PRIVATE, WEBHOOK_ALLOWED_CIDRS). */
  webhookReceivers: ReceiverPolicy;
  /** SMTP_URL and SMTP_FROM; null: nothing is e-mailed. */
  smtp: { url: string; from: string } | null;
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
    databaseSchema: e.DATABASE_SCHEMA,
    redisUrl: e.REDIS_URL ?? null,
    redisPrefix: e.REDIS_PREFIX,
    redisAdapter: e.REDIS_ADAPTER,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    publicUrl: e.PUBLIC_URL ?? null,
    adminToken: e.ADMIN_TOKEN ?? null,
    demo: e.DEMO === 'true',
    logLevel: e.LOG_LEVEL,
    heartbeatMs: e.HEARTBEAT_MS,
    minutesLimits: { workers: e.PDF_WORKERS, queue: e.PDF_QUEUE },
    trustProxy: readTrustProxy(e.TRUST_PROXY),
    tls: readTls(e.TLS_CERT_FILE, e.TLS_KEY_FILE),
    webhookReceivers: readReceiverPolicy(e.WEBHOOK_ALLOW_PRIVATE, e.WEBHOOK_ALLOWED_CIDRS),
    smtp: e.SMTP_URL === undefined ? null : { url: e.SMTP_URL, from: e.SMTP_FROM },
  };
}

function readReceiverPolicy(allowPrivate: string, cidrs: string): ReceiverPolicy {
  try {
    return { allowPrivate: allowPrivate === '1' || allowPrivate === 'true', allowedCidrs: parseCidrs(cidrs) };
  } catch (error) {
    throw new Error(
      `Invalid configuration:\n  WEBHOOK_ALLOWED_CIDRS: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function readTls(certFile: string | undefined, keyFile: string | undefined): Config['tls'] {
  if (certFile === undefined && keyFile === undefined) return null;
  if (certFile === undefined || keyFile === undefined) {
    const missing = certFile === undefined ? 'TLS_CERT_FILE' : 'TLS_KEY_FILE';
    throw new Error(`Invalid configuration:\n  ${missing}: HTTPS needs both TLS_CERT_FILE and TLS_KEY_FILE`);
  }
  return { certFile, keyFile };
}

function readTrustProxy(text: string): TrustProxy | null {
  try {
    return parseTrustProxy(text);
  } catch (error) {
    throw new Error(`Invalid configuration:\n  TRUST_PROXY: ${error instanceof Error ? error.message : String(error)}`);
  }
}
