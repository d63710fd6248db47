// `npm run build`: the server compiled to dist/server, the client bundled with
// hashed names and precompressed into dist/client, a migrated PGlite database
// for first starts in dist/pglite-template, then dist/build.json with
// the fingerprint of the sources it was made from (written last: a build that
// stopped half-way has no stamp and is made again). Everything is built into a
// staging folder and swapped in, so a reader never sees half a build.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildClient } from './build-client.js';
import { buildServer } from './build-server.js';
import { sourceFingerprint, STAMP } from './fingerprint.js';
import { buildPgliteTemplate } from './pglite-template.js';
import { precompress } from './precompress.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = path.join(root, 'dist');

const started = performance.now();
const fingerprint = sourceFingerprint(root); // before building: an edit made meanwhile leaves it stale
const staging = `${dist}.building-${process.pid}`;
rmSync(staging, { recursive: true, force: true });
mkdirSync(staging, { recursive: true });
try {
  await Promise.all([
    buildServer(root, path.join(staging, 'server')),
    buildClient(root, path.join(staging, 'client')),
    buildPgliteTemplate(path.join(staging, 'pglite-template')),
  ]);
  const compressed = precompress(path.join(staging, 'client'));
  writeFileSync(
    path.join(staging, path.basename(STAMP)),
    `${JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }, null, 2)}\n`,
  );
  const previous = `${dist}.previous-${process.pid}`;
  if (existsSync(dist)) renameSync(dist, previous);
  renameSync(staging, dist);
  rmSync(previous, { recursive: true, force: true });
  const ms = Math.round(performance.now() - started);
  const kb = (bytes: number) => Math.round(bytes / 1024);
  console.log(
    `built dist/ in ${ms} ms: ${compressed.files} text assets, ${kb(compressed.bytes)} kB, ${kb(compressed.brotliBytes)} kB brotli`,
  );
} catch (error) {
  rmSync(staging, { recursive: true, force: true });
  throw error;
}
