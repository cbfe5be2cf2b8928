import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';

// The dev server proxies the realtime and HTTP endpoints to the server (port 3000), so the
// browser talks to one origin in development just as it does in production. The socket's
// Origin is rewritten to the server's own, the only one it lets browsers connect from (P14).
const serverUrl = 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
    // Brotli and gzip forms beside each file, sent by the server to browsers that accept them
    // (fonts are compressed already).
    // A service worker keeps the page and every asset it has loaded, so a second visit or a
    // reload renders from cache while the socket connects, even over a slow link. Only the page
    // is fetched ahead; assets are kept as they are first used, so installing it sends nothing more.
    VitePWA({
      injectRegister: null,
      manifest: false,
      workbox: {
        // Minified whatever NODE_ENV the build runs under (the browser tests build under `test`).
        mode: 'production',
        inlineWorkboxRuntime: true,
        globPatterns: ['index.html'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//],
        runtimeCaching: [
          {
            urlPattern: ({ url }) => url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'plenum-assets', expiration: { maxEntries: 300 } },
          },
        ],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
    compression({ algorithms: ['brotliCompress', 'gzip'], exclude: [/\.(woff2?|png|ico)$/], threshold: 1024 }),
  ],
  resolve: {
    // `@plenum/source` runs shared from its TypeScript source; the defaults must follow it
    // because this list replaces Vite's own.
    conditions: ['@plenum/source', ...defaultClientConditions],
  },
  server: {
    proxy: {
      '/socket.io': { target: serverUrl, ws: true, headers: { origin: serverUrl } },
      '/api': { target: serverUrl },
    },
  },
  build: {
    outDir: 'dist',
    reportCompressedSize: true,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the first screen imports statically goes into one file beside the entry,
          // rather than a score of small shared chunks: on a slow link each request costs its
          // headers (about 1 kB with the security headers) and a round trip, and one larger
          // file compresses better. Lazy screens and locale files stay chunks of their own.
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
});
