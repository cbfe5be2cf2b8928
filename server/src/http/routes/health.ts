import { PROTOCOL_VERSION } from '@plenum/shared';
import { Router } from 'express';
import type { Store } from '../../domain/ports.js';

/** `GET /api/health`: liveness plus what the process runs on. */
export function healthRoutes(store: Store): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    res.json({ status: 'ok', store: store.kind, epoch: await store.epoch(), protocolVersion: PROTOCOL_VERSION });
  });
  return router;
}
