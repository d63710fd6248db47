// Compiles the server with esbuild: dist/server/main.js (the server) and
// dist/server/migrate.js (migrations alone, for a deployment that migrates once
// before it starts its processes), sharing chunks. Our TypeScript and most
// packages are bundled: resolving and compiling some 700 files one by one cost a
// restart about a fifth of its CPU (bench:startup). Packages that find files of
// their own at run time, or load code by name, stay imports from node_modules.
import path from 'node:path';
import { build } from 'esbuild';

/**
 * Not bundled: PGlite reads its WASM and data files beside its module; knex and
 * knex-pglite load dialects by name; pino starts transports in worker threads
 * from its own files; pg may load pg-native; ws may load its native helpers.
 */
const UNBUNDLED = [
  '@electric-sql/pglite',
  '@electric-sql/pglite/*',
  'knex',
  'knex-pglite',
  'pino',
  'pino-http',
  'pino-pretty',
  'pg',
  'pg-native',
  'bufferutil',
  'utf-8-validate',
];

export async function buildServer(root: string, outDir: string): Promise<void> {
  await build({
    entryPoints: {
      main: path.join(root, 'server', 'main.ts'),
      migrate: path.join(root, 'server', 'db', 'cli-migrate.ts'),
    },
    outdir: outDir,
    chunkNames: 'chunk-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: UNBUNDLED,
    // Bundled CommonJS packages call require() for Node's own modules and for the
    // packages above; an ES module has none of its own.
    banner: {
      js: "import { createRequire as __altpathRequire } from 'node:module'; const require = __altpathRequire(import.meta.url);",
    },
    // Positions only: the sources are in the checkout. npm start leaves maps off
    // (build/start.js); NODE_OPTIONS=--enable-source-maps maps traces with them.
    sourcemap: true,
    sourcesContent: false,
    // A third less text for V8 to parse at every start; names are kept, so stack
    // traces and error classes read as written.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
}
