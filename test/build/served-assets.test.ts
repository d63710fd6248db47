// The built client as a browser receives it: every asset a page names carries a
// content hash and is served immutable, the pages themselves no-cache (and
// revalidated by ETag), and each text asset comes brotli- or gzip-compressed
// (the copies made at build time) to a client that accepts it, identical once
// decompressed to what a client without compression gets.
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMMUTABLE } from '../../server/http/static-client.js';
import { ensureClientBuilt } from '../support/browser.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** node:http rather than fetch: fetch would decompress, hiding what was sent. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

const PAGES = ['/', '/dispatcher.html', '/paramedic.html', '/lead.html', '/stats.html'];
const HASHED_ASSET = /^\/assets\/[\w-]+-[A-Z0-9]{8}\.(?:js|css)$/;

let app: TestApp;

beforeAll(async () => {
  ensureClientBuilt();
  app = await bootTestApp('pglite');
});

afterAll(async () => {
  await app?.stop();
});

async function assetsOf(page: string): Promise<string[]> {
  const html = (await rawGet(`${app.url}${page}`)).body.toString('utf8');
  return [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
}

describe('the built client', () => {
  it('serves pages no-cache, revalidated by ETag', async () => {
    for (const page of PAGES) {
      const first = await rawGet(`${app.url}${page}`);
      expect(first.status, page).toBe(200);
      expect(first.headers['content-type'], page).toMatch(/^text\/html/);
      expect(first.headers['cache-control'], page).toBe('no-cache');
      const etag = first.headers.etag as string;
      expect(etag, page).toBeTruthy();
      const again = await rawGet(`${app.url}${page}`, { 'if-none-match': etag });
      expect(again.status, page).toBe(304);
    }
  });

  it('names every script and style sheet by its content hash and serves it immutable', async () => {
    const assets = new Set((await Promise.all(PAGES.map(assetsOf))).flat());
    expect(assets.size).toBeGreaterThanOrEqual(8); // 5 page scripts, app/stats/leaflet styles
    for (const asset of assets) {
      expect(asset).toMatch(HASHED_ASSET);
      const response = await rawGet(`${app.url}${asset}`);
      expect(response.status, asset).toBe(200);
      expect(response.headers['cache-control'], asset).toBe(IMMUTABLE);
    }
    // Leaflet's images come through its style sheet, hashed too.
    const leaflet = [...assets].find((a) => a.includes('/leaflet-'))!;
    const css = (await rawGet(`${app.url}${leaflet}`)).body.toString('utf8');
    const image = /url\("?\.?\/?([\w-]+-[A-Z0-9]{8}\.png)"?\)/.exec(css)?.[1];
    expect(image).toBeDefined();
    const png = await rawGet(`${app.url}/assets/${image}`);
    expect(png.status).toBe(200);
    expect(png.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('sends brotli or gzip to a client that accepts it, the same bytes once decompressed', async () => {
    const assets = [...new Set((await Promise.all(PAGES.map(assetsOf))).flat())];
    for (const url of ['/', '/dispatcher.html', ...assets]) {
      const plain = await rawGet(`${app.url}${url}`);
      expect(plain.headers['content-encoding'], url).toBeUndefined();
      expect(plain.headers.vary, url).toMatch(/Accept-Encoding/i);

      const br = await rawGet(`${app.url}${url}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(br.headers['content-encoding'], url).toBe('br');
      const type = (r: Raw) => String(r.headers['content-type']).toLowerCase();
      expect(type(br), url).toBe(type(plain));
      expect(br.body.length, url).toBeLessThan(plain.body.length);
      expect(brotliDecompressSync(br.body).equals(plain.body), url).toBe(true);

      const gz = await rawGet(`${app.url}${url}`, { 'accept-encoding': 'gzip' });
      expect(gz.headers['content-encoding'], url).toBe('gzip');
      expect(gunzipSync(gz.body).equals(plain.body), url).toBe(true);
    }
  });

  it('keeps the API uncacheable', async () => {
    const health = await rawGet(`${app.url}/api/health`);
    expect(health.headers['cache-control']).toBe('no-store');
  });
});
