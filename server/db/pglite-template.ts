// A PGlite data directory made by `npm run build`: initdb and every migration
// already run, closed cleanly. A first start on an empty DATA_DIR copies it
// rather than run initdb (about 5 s of CPU here, most of a first start), then
// migrates whatever is newer. Used only when the migrations it holds are the
// first ones of the current list, in order; otherwise start-up builds the
// database from nothing as before.
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { migrations } from './migrations/index.js';

export const TEMPLATE_MANIFEST = 'migrations.json';

/** The template's data directory, as PGlite lays it out under DATA_DIR. */
export const templateData = (template: string) => path.join(template, 'pglite');

/** Fills an empty PGlite directory from the template; false when it did not. */
export function copyPgliteTemplate(template: string, directory: string): boolean {
  if (existsSync(path.join(directory, 'PG_VERSION'))) return false; // a database already
  const manifest = path.join(template, TEMPLATE_MANIFEST);
  if (!existsSync(manifest) || !existsSync(path.join(templateData(template), 'PG_VERSION'))) {
    return false;
  }
  const applied = JSON.parse(readFileSync(manifest, 'utf8')) as string[];
  if (!applied.every((name, i) => migrations[i]?.[0] === name)) return false;
  cpSync(templateData(template), directory, { recursive: true });
  return true;
}

export const currentMigrationNames = () => migrations.map(([name]) => name);
