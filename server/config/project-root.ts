// The checkout's root folder, found by walking up to package.json: the same
// answer from a source file run by tsx and from the bundle in dist/server/.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(from: string): string {
  for (let dir = path.dirname(from); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(fileURLToPath(import.meta.url));

/** What `npm run build` writes: the compiled server, the bundled client, the build stamp. */
export const distDir = path.join(projectRoot, 'dist');
export const clientDistDir = path.join(distDir, 'client');
/** A migrated PGlite database a first start copies (server/db/pglite-template.ts). */
export const pgliteTemplateDir = path.join(distDir, 'pglite-template');

/** This release's version, from package.json (the OpenAPI and FHIR documents name it). */
export const packageVersion = (
  JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }
).version;
