// `npm run dev`: the client rebuilt by esbuild on every change (into dist/client,
// unminified), the server restarted by tsx watch on every change, its JSON log
// lines made readable by pino-pretty. The production stamp is removed first, so
// the next `npm start` makes a proper build rather than serve this one.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { context, type Plugin } from 'esbuild';
import pretty from 'pino-pretty';
import { clientBuildOptions, hashedNames, writePages } from './build-client.js';
import { STAMP } from './fingerprint.js';
import { writeServiceWorker } from './service-worker.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const clientOut = path.join(root, 'dist', 'client');
rmSync(path.join(root, STAMP), { force: true });

const rewritePages: Plugin = {
  name: 'altpath-pages',
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length > 0 || !result.metafile) return;
      writePages(root, clientOut, hashedNames(result.metafile));
      await writeServiceWorker(root, clientOut, result.metafile, { minify: false });
      console.log(`client rebuilt (${new Date().toLocaleTimeString()})`);
    });
  },
};

const client = await context({
  ...clientBuildOptions(root, clientOut),
  minify: false,
  plugins: [rewritePages],
});
await client.rebuild(); // the pages exist before the server serves them
await client.watch();

const server = spawn(
  process.execPath,
  [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'watch', 'server/main.ts'],
  { cwd: root, stdio: ['inherit', 'pipe', 'inherit'], env: { LOG_LEVEL: 'debug', ...process.env } },
);
server.stdout.pipe(
  pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' }),
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.kill(signal);
    void client.dispose();
  });
}
server.once('exit', (code) => {
  void client.dispose().then(() => process.exit(code ?? 0));
});
