import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The dev server proxies the realtime and HTTP endpoints to the server (port 3000), so the
// browser talks to one origin in development just as it does in production. The socket's
// Origin is rewritten to the server's own, the only one it lets browsers connect from (P14).
const serverUrl = 'http://localhost:3000';

export default defineConfig({
  plugins: [
    react(),
    // Brotli and gzip forms beside each file, sent by the server to browsers that accept them
    // (fonts are compressed already).
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
  },
});
