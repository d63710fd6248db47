// Compiles the server with esbuild: dist/server/main.js (the server) and
// dist/server/migrate.js (migrations alone, for a deployment that migrates once
// before it starts its processes), sharing chunks. Our TypeScript is bundled,
// every package stays an import from node_modules; plain node runs the result.
import path from 'node:path';
import { build } from 'esbuild';

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
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}
