import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Router } from 'express';

const require = createRequire(import.meta.url);
/** Swagger UI's built files, served from node_modules: the page loads nothing from elsewhere. */
const swaggerUiDir = dirname(require.resolve('swagger-ui-dist/package.json'));

const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Plenum REST API</title>
    <link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png" />
    <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  </head>
  <body>
    <main id="swagger-ui" aria-label="Plenum REST API"></main>
    <script src="/api/docs/assets/swagger-ui-bundle.js"></script>
    <script src="/api/docs/start.js"></script>
  </body>
</html>
`;

// A file rather than an inline script, so the page runs under the app's script-src 'self'.
// No validator badge: it would call a server elsewhere.
const start = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, validatorUrl: null });\n`;

/**
 * `GET /api/openapi.json`, the OpenAPI 3.1 document generated from the operations, and
 * `GET /api/docs`, a browsable page (Swagger UI) served from the app itself.
 */
export function apiDocsRoutes(document: Record<string, unknown>): Router {
  const router = Router();
  const json = JSON.stringify(document);
  router.get('/api/openapi.json', (_req, res) => {
    res.type('application/json').send(json);
  });
  router.get('/api/docs', (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/api/docs/start.js', (_req, res) => {
    res.type('text/javascript').send(start);
  });
  for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'favicon-32x32.png']) {
    router.get(`/api/docs/assets/${file}`, (_req, res) => {
      res.sendFile(join(swaggerUiDir, file), { maxAge: '1d' });
    });
  }
  return router;
}
