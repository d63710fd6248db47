// Bundles the browser client into client/dist with esbuild. Leaflet and its CSS
// come from node_modules: nothing is loaded from a CDN.
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = `${root}dist`;
const entries = readdirSync(`${root}src`)
  .filter((file) => file.endsWith('-page.ts'))
  .map((file) => `${root}src/${file}`);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
await build({
  entryPoints: entries,
  outdir: `${dist}/assets`,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  loader: { '.png': 'file', '.svg': 'file' },
  logLevel: 'warning',
});
cpSync(`${root}pages`, dist, { recursive: true });
cpSync(`${root}styles`, `${dist}/assets`, { recursive: true });
const leaflet = fileURLToPath(new URL('../node_modules/leaflet/dist', import.meta.url));
cpSync(`${leaflet}/leaflet.css`, `${dist}/assets/leaflet.css`);
cpSync(`${leaflet}/images`, `${dist}/assets/images`, { recursive: true });
