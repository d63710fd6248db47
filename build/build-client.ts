// Bundles the browser client with esbuild: every page script and style sheet
// under a content-hashed name in assets/ (served immutable), the HTML pages
// rewritten to name them (served no-cache). Leaflet and its CSS come from
// node_modules: nothing is loaded from a CDN.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { writeServiceWorker } from './service-worker.js';

export function clientBuildOptions(root: string, outDir: string): BuildOptions {
  const src = path.join(root, 'client', 'src');
  const styles = path.join(root, 'client', 'styles');
  const entryPoints: Record<string, string> = {
    leaflet: path.join(root, 'node_modules', 'leaflet', 'dist', 'leaflet.css'),
  };
  for (const file of readdirSync(src).filter((f) => f.endsWith('-page.ts'))) {
    entryPoints[file.replace(/\.ts$/, '')] = path.join(src, file);
  }
  for (const file of readdirSync(styles).filter((f) => f.endsWith('.css'))) {
    entryPoints[file.replace(/\.css$/, '')] = path.join(styles, file);
  }
  return {
    entryPoints,
    outdir: path.join(outDir, 'assets'),
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    assetNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    metafile: true,
    loader: { '.png': 'file', '.svg': 'file' },
    // Runs first in every page, before any shared zod schema is built: zod otherwise
    // probes `new Function` at a schema's construction, which the pages' CSP forbids
    // and reports (lead.html and partner.html did once they built shared schemas).
    inject: [path.join(src, 'shared', 'zod-jitless.ts')],
    logLevel: 'warning',
  };
}

/** Unhashed asset name (`app.css`) to the name it was written under (`app-5KX3W2QJ.css`). */
export function hashedNames(metafile: Metafile): Map<string, string> {
  const names = new Map<string, string>();
  for (const [output, info] of Object.entries(metafile.outputs)) {
    if (!info.entryPoint || output.endsWith('.map')) continue;
    const hashed = path.basename(output);
    names.set(hashed.replace(/-[A-Z0-9]{8}(\.[a-z]+)$/, '$1'), hashed);
  }
  return names;
}

/** Copies the HTML pages into `outDir`, each `/assets/<name>` replaced by its hashed name. */
export function writePages(root: string, outDir: string, names: Map<string, string>): void {
  const pages = path.join(root, 'client', 'pages');
  mkdirSync(outDir, { recursive: true });
  for (const page of readdirSync(pages)) {
    const source = path.join(pages, page);
    if (!page.endsWith('.html')) {
      cpSync(source, path.join(outDir, page), { recursive: true });
      continue;
    }
    const html = readFileSync(source, 'utf8').replace(
      /\/assets\/([\w.-]+\.(?:js|css))/g,
      (_whole, name: string) => {
        const hashed = names.get(name);
        if (!hashed) throw new Error(`${page} names /assets/${name}, which the build did not make`);
        return `/assets/${hashed}`;
      },
    );
    writeFileSync(path.join(outDir, page), html);
  }
}

export async function buildClient(root: string, outDir: string): Promise<void> {
  const result = await build(clientBuildOptions(root, outDir));
  writePages(root, outDir, hashedNames(result.metafile!));
  await writeServiceWorker(root, outDir, result.metafile!);
}
