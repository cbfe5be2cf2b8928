import react from '@vitejs/plugin-react';
import { readFile } from 'node:fs/promises';
import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';
import { VitePWA } from 'vite-plugin-pwa';
import { carvedNamespaces, type CarvedNamespace } from './src/i18n/namespaces.js';

// The dev server proxies the realtime and HTTP endpoints to the server (port 3000), so the
// browser talks to one origin in development just as it does in production. The socket's
// Origin is rewritten to the server's own, the only one it lets browsers connect from (P14).
const serverUrl = 'http://localhost:3000';

/** The lazily loaded screen of each role in a session, by the file that roots it. */
const roleScreens: Record<string, string> = {
  '/src/screens/bigScreen/BigScreen.tsx': 'observer',
  '/src/screens/chair/ChairConsole.tsx': 'chair',
  '/src/screens/participant/ParticipantView.tsx': 'participant',
};

/**
 * The modules the role groups may take: the client's, and shared's that import no zod (which
 * stays out of the screens' chunks, and `chunkOf` cannot tell what tree-shaking removes).
 */
const screenModules = /[\\/](client[\\/]src[\\/]|shared[\\/]src[\\/](domain[\\/]|protocol[\\/]limits\.ts))/;

type ModuleGraph = { getModuleInfo: (id: string) => { importers: readonly string[] } | null };

/**
 * The chunk of a module the role screens import (directly or through other modules), so each
 * role fetches one to three files rather than a score: what the big screen shares with the
 * others (`floor`), what the chair and participants share (`console`), and the code of one role
 * alone. What the first script holds is taken before (the `app` group), and views opened later
 * (imported by no role screen) keep chunks of their own.
 */
function chunkOf(moduleId: string, graph: ModuleGraph): string | null {
  const roles = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    const role = Object.entries(roleScreens).find(([file]) => id.endsWith(file))?.[1];
    if (role) roles.add(role);
    else for (const importer of graph.getModuleInfo(id)?.importers ?? []) visit(importer);
  };
  visit(moduleId);
  if (roles.size === 1) return [...roles][0]!;
  if (roles.size > 1) return roles.has('observer') ? 'floor' : 'console';
  return null;
}

/**
 * Serves a locale file asked for with `?carve=<namespace>` as that namespace's groups only:
 * those of a carved namespace, or, with the file's own name, the file without the groups carved
 * out of it (see `carvedNamespaces`).
 */
function carveLocales(): Plugin {
  const groupsOf = (namespace: string): readonly string[] =>
    namespace in carvedNamespaces ? carvedNamespaces[namespace as CarvedNamespace].groups : [];
  const carvedFrom = (file: string) =>
    Object.entries(carvedNamespaces).flatMap(([namespace, { from }]) => (from === file ? groupsOf(namespace) : []));
  return {
    name: 'plenum:carve-locales',
    enforce: 'pre',
    async load(id) {
      const [path = '', query = ''] = id.split('?');
      const namespace = new URLSearchParams(query).get('carve');
      const file = /[\\/]locales[\\/][\w-]+[\\/]([\w-]+)\.json$/.exec(path)?.[1];
      if (namespace === null || file === undefined) return null;
      const isOwn = namespace === file;
      if (!isOwn && carvedNamespaces[namespace as CarvedNamespace]?.from !== file) {
        throw new Error(`${namespace} is not carved out of ${path}`);
      }
      this.addWatchFile(path);
      const words = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
      const groups = isOwn ? carvedFrom(file) : groupsOf(namespace);
      const kept = Object.fromEntries(Object.entries(words).filter(([group]) => groups.includes(group) !== isOwn));
      return { code: `export default ${JSON.stringify(kept)};`, moduleType: 'js' };
    },
  };
}

/**
 * The production build runs on Preact's React layer: react-dom is 207 kB of the first script
 * (about 48 kB brotli), Preact and its compat layer 24 kB. At 256 kbit/s that is 1.5 s of a first
 * visit, and with it the screen is live in 4.7–5.8 s rather than 6.5–7.4 s. The development server
 * and the component tests keep React (its warnings and testing tools); the browser tests run
 * against the build.
 */
const preactForReact = [
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
  { find: /^react(-dom)?$/, replacement: 'preact/compat' },
];

export default defineConfig(({ command }) => ({
  plugins: [
    react(),
    carveLocales(),
    // Brotli and gzip forms beside each file, sent by the server to browsers that accept them
    // (fonts are compressed already).
    // A service worker keeps the page and every asset it has loaded, so a second visit or a
    // reload renders from cache while the socket connects, even over a slow link. Assets are kept
    // as they are first used, so installing it sends nothing more.
    VitePWA({
      injectRegister: null,
      manifest: false,
      workbox: {
        // Minified whatever NODE_ENV the build runs under (the browser tests build under `test`).
        mode: 'production',
        inlineWorkboxRuntime: true,
        // Nothing precached: a precached page is served before the network is asked, so after a
        // deploy a reload got the old page, naming chunks the server no longer has.
        globPatterns: [],
        runtimeCaching: [
          {
            // The page (a few hundred bytes, revalidated by its ETag) comes from the network, so
            // a reload gets the build the server has now. The copy kept of it serves when the
            // network fails or does not answer in time; one copy for every route, as the server
            // sends the same page for all.
            urlPattern: ({ request, url }) =>
              request.mode === 'navigate' && !/^\/(api|socket\.io)\//.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: 'plenum-page',
              networkTimeoutSeconds: 5,
              plugins: [{ cacheKeyWillBeUsed: () => Promise.resolve('/index.html') }],
            },
          },
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
    alias: command === 'build' ? preactForReact : [],
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
          // file compresses better. Locale files and views opened later stay chunks of their own;
          // each role's screen comes in the few files of `chunkOf`. A group takes in only the
          // modules it names, not what they import: the first script's libraries stay in it.
          includeDependenciesRecursively: false,
          groups: [
            { name: 'app', tags: ['$initial'], priority: 10 },
            { name: chunkOf, test: screenModules },
          ],
        },
      },
    },
  },
}));
