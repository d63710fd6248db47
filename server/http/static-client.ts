// The built browser client (dist/client). Assets carry a content hash in their
// names, so a browser may keep them for a year without asking again; the HTML
// pages that name them are revalidated on every load, so a new build is picked
// up at once. Brotli and gzip copies made at build time are served to clients
// that accept them (express-static-gzip), with Vary: Accept-Encoding.
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import expressStaticGzip from 'express-static-gzip';

/** `name-HASH.ext` as esbuild writes it (`[name]-[hash]`), maybe with `.map`. */
const HASHED = /-[A-Z0-9]{8}\.[a-z]+(?:\.map)?$/;
const ENCODED = /\.(?:br|gz)$/;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

export function cacheControlFor(file: string): string {
  const served = path.basename(file).replace(ENCODED, '');
  const inAssets = path.basename(path.dirname(file)) === 'assets';
  return inAssets && HASHED.test(served) ? IMMUTABLE : 'no-cache';
}

export function staticClient(dir: string) {
  return expressStaticGzip(dir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: 'index.html',
    serveStatic: {
      index: false, // express-static-gzip maps a folder to its index.html itself
      cacheControl: false,
      setHeaders: (res: ServerResponse, file: string) =>
        res.setHeader('Cache-Control', cacheControlFor(file)),
    },
  });
}
