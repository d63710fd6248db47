// What a build is made from, as one hash: every source file the server bundle
// and the client bundle read (tests excluded), the build scripts, the manifest
// and the lock file. `npm start` compares it with the one the build recorded,
// so a build is stale when a source changed, whatever the files' times say.
// Plain JavaScript: the launcher that calls it runs before anything is compiled.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const SOURCE_DIRS = ['server', 'client', 'seeds', 'shared', 'build'];
const SOURCE_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.base.json'];
const SKIPPED = /(\.test\.ts|\.d\.ts)$/;

/** @param {string} dir @param {string} root @returns {string[]} */
function sourcesUnder(dir, root) {
  const full = path.join(root, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'dist' ? [] : sourcesUnder(relative, root);
    return SKIPPED.test(entry.name) ? [] : [relative];
  });
}

/** @param {string} root @returns {string} */
export function sourceFingerprint(root) {
  const files = [
    ...SOURCE_FILES.filter((file) => existsSync(path.join(root, file))),
    ...SOURCE_DIRS.flatMap((dir) => sourcesUnder(dir, root)),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The stamp `npm run build` writes last, into dist/build.json. */
export const STAMP = path.join('dist', 'build.json');

/**
 * Why the build in `root` cannot be used as it is, or null when it is current.
 * @param {string} root
 * @returns {string | null}
 */
export function staleBuildReason(root) {
  const stamp = path.join(root, STAMP);
  if (!existsSync(stamp)) return 'there is no build yet';
  /** @type {{ fingerprint?: string }} */
  const recorded = JSON.parse(readFileSync(stamp, 'utf8'));
  if (recorded.fingerprint !== sourceFingerprint(root))
    return 'the sources changed since the build';
  return null;
}
