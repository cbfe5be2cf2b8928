import { PROTOCOL_VERSION } from '@plenum/shared';
import { Router } from 'express';
import type { Store } from '../../domain/ports.js';

/** What readiness depends on besides the store. */
export interface Readiness {
  /** Whether the Redis adapter's connection is up; omitted when the process runs without Redis. */
  isRedisReady?: () => boolean;
  /** True once the process has begun its graceful shutdown. */
  isDraining: () => boolean;
}

/**
 * `GET /api/health`: liveness plus what the process runs on, and the public key its
 * checkpoints are signed with (`checkpointKey`), to check a printed head hash against. `GET /api/ready`: 200 while this
 * process should be given new connections (the store answers a query, Redis is connected, the
 * process is not draining), 503 naming what is not, for a load balancer's health check.
 */
export function healthRoutes(store: Store, readiness: Readiness): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    res.json({
      status: 'ok',
      store: store.kind,
      epoch: await store.epoch(),
      protocolVersion: PROTOCOL_VERSION,
      checkpointKey: await store.publicKey(),
    });
  });
  router.get('/api/ready', async (_req, res) => {
    const isStoreReady = await store.getSetting('epoch').then(
      () => true,
      () => false,
    );
    const checks = {
      store: isStoreReady,
      redis: readiness.isRedisReady ? readiness.isRedisReady() : null,
      draining: readiness.isDraining(),
    };
    const isReady = checks.store && checks.redis !== false && !checks.draining;
    res.status(isReady ? 200 : 503).json({ status: isReady ? 'ready' : 'unavailable', ...checks });
  });
  return router;
}
