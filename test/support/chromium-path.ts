// Which Chromium the browser tests drive. In order: CHROMIUM_PATH when it names
// an existing file, Debian's /usr/bin/chromium, else the headless Chromium that
// ships inside the @sparticuz/chromium package (brotli-packed in node_modules,
// inflated once into the temp folder). Nothing is downloaded at run time, and a
// browser test never skips: when none of them works, launching throws.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export type ChromiumSource = 'CHROMIUM_PATH' | 'debian' | 'package';

export interface ResolvedChromium {
  executablePath: string;
  source: ChromiumSource;
  /** Why an earlier choice was passed over (a CHROMIUM_PATH that names no file). */
  notes: string[];
}

export interface ChromiumLookup {
  chromiumPath?: string;
  debianPath?: string;
  /** Where the packaged Chromium is inflated; defaults to the temp folder. */
  cacheRoot?: string;
}

export async function resolveChromium(lookup: ChromiumLookup = {}): Promise<ResolvedChromium> {
  const { chromiumPath = process.env.CHROMIUM_PATH, debianPath = DEBIAN_CHROMIUM } = lookup;
  const notes: string[] = [];
  if (chromiumPath) {
    if (existsSync(chromiumPath)) {
      return { executablePath: chromiumPath, source: 'CHROMIUM_PATH', notes };
    }
    notes.push(`CHROMIUM_PATH=${chromiumPath} names no file`);
  }
  if (existsSync(debianPath)) return { executablePath: debianPath, source: 'debian', notes };
  notes.push(`${debianPath} is missing`);
  const executablePath = await inflatePackagedChromium(lookup.cacheRoot ?? tmpdir());
  return { executablePath, source: 'package', notes };
}

const require = createRequire(import.meta.url);

function packagedVersion(): string {
  // The package exports no ./package.json; its entry point is build/cjs/index.cjs.
  const manifest = path.resolve(path.dirname(require.resolve('@sparticuz/chromium')), '../..');
  const { version } = JSON.parse(readFileSync(path.join(manifest, 'package.json'), 'utf8')) as {
    version: string;
  };
  return version;
}

/**
 * Inflates the package's Chromium into `<root>/altpath-chromium-<version>`.
 * The package always inflates into `os.tmpdir()` and trusts whatever it finds
 * there, so each process inflates into a staging folder of its own (TMPDIR
 * pointed at it for the call) and renames it into place: two test workers that
 * race never see a half-written browser, and the loser's copy is removed.
 */
async function inflatePackagedChromium(root: string): Promise<string> {
  const target = path.join(root, `altpath-chromium-${packagedVersion()}`);
  const executable = path.join(target, 'chromium');
  if (existsSync(executable)) return executable;
  removeAbandonedStaging(root, path.basename(target));
  const staging = `${target}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const { default: packaged } = await import('@sparticuz/chromium');
  const savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  try {
    const inflated = await packaged.executablePath();
    if (path.dirname(inflated) !== staging) {
      throw new Error(`@sparticuz/chromium inflated into ${inflated}, not ${staging}`);
    }
  } finally {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
  }
  try {
    renameSync(staging, target);
  } catch (error) {
    if (!existsSync(executable)) throw error;
    rmSync(staging, { recursive: true, force: true }); // another worker won the race
  }
  return executable;
}

/** Staging folders left by a process that died mid-inflation (200 MB each). */
function removeAbandonedStaging(root: string, name: string): void {
  for (const entry of readdirSync(root)) {
    const pid = Number(/^(.+)\.staging-(\d+)$/.exec(entry)?.[2] ?? NaN);
    if (!entry.startsWith(`${name}.staging-`) || !Number.isInteger(pid) || isAlive(pid)) continue;
    rmSync(path.join(root, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
