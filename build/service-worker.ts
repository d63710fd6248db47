// The paramedic's service worker (client/src/service-worker.ts), written to
// dist/client/sw.js after the client is bundled: it must name the shell under the
// hashed names this build gave it, so the list is taken from esbuild's metafile and
// compiled in. The worker's own name is fixed (a browser finds it at /sw.js) and served
// no-cache, so a new build's worker, with new names, is picked up on the next load.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';

/** The paramedic page, its scripts (entry and every chunk it imports) and its style sheets. */
export function paramedicShell(root: string, outDir: string, metafile: Metafile): string[] {
  const assets = path.join(outDir, 'assets');
  const html = readFileSync(path.join(root, 'client', 'pages', 'paramedic.html'), 'utf8');
  const named = [...html.matchAll(/\/assets\/([\w.-]+)\.(js|css)/g)].map(
    ([, name, ext]) => `${name}.${ext}`,
  );
  const outputs = Object.entries(metafile.outputs).filter(([file]) => !file.endsWith('.map'));
  const urlOf = (file: string) => `/assets/${path.relative(assets, path.resolve(file))}`;
  const wanted = new Set<string>();
  const visit = (file: string) => {
    if (wanted.has(file)) return;
    wanted.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? [])
      if (!imported.external) visit(imported.path);
    const css = metafile.outputs[file]?.cssBundle;
    if (css) visit(css);
  };
  for (const [file, info] of outputs) {
    if (!info.entryPoint) continue;
    const plain = path.basename(file).replace(/-[A-Z0-9]{8}(\.[a-z]+)$/, '$1');
    if (named.includes(plain)) visit(file);
  }
  if (wanted.size < named.length)
    throw new Error(`the service worker's shell misses some of ${named.join(', ')}`);
  return ['/paramedic.html', ...[...wanted].map(urlOf).sort()];
}

export async function writeServiceWorker(
  root: string,
  outDir: string,
  metafile: Metafile,
  options: { minify: boolean } = { minify: true },
): Promise<string[]> {
  const shell = paramedicShell(root, outDir, metafile);
  const version = createHash('sha256').update(shell.join('\n')).digest('hex').slice(0, 12);
  await build({
    entryPoints: [path.join(root, 'client', 'src', 'service-worker.ts')],
    outfile: path.join(outDir, 'sw.js'),
    bundle: true,
    format: 'iife',
    target: 'es2022',
    minify: options.minify,
    define: { __SHELL__: JSON.stringify(shell), __VERSION__: JSON.stringify(version) },
    logLevel: 'warning',
  });
  return shell;
}
