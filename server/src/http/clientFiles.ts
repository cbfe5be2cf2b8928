import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import expressStaticGzip from 'express-static-gzip';
import { Router } from 'express';

/** Hashed build output: a file's name changes with its content, so it never needs asking again. */
const hashedPrefix = '/assets/';

/**
 * The built web client. The build writes each file beside its brotli and gzip forms, and the one
 * the browser accepts is sent (brotli first): a county office on a slow link receives the bundle
 * at a third of its size. Hashed assets are cached for a year; everything else (the page, the
 * service worker) is revalidated on each load by its ETag, so a deploy shows at the next visit.
 */
export function clientFiles(clientDir: string): Router {
  const router = Router();
  router.use(
    expressStaticGzip(clientDir, {
      enableBrotli: true,
      orderPreference: ['br', 'gzip'],
      index: false,
      serveStatic: {
        setHeaders: (res: ServerResponse, path: string) => {
          const hashed = path.startsWith(join(clientDir, 'assets'));
          res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      },
    }),
  );
  // A hashed file that is not there is one of an older build: a page asking for it must fail
  // loudly, not receive the single page in its place (and keep it for a year).
  router.get(`${hashedPrefix}{*rest}`, (_req, res) => {
    res.status(404).type('text/plain').send('No such file in this build; reload the page.');
  });
  // Client-side routes (/s/:sessionId) all load the single page.
  router.get('/{*splat}', (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(clientDir, 'index.html'));
  });
  return router;
}
