// Cross-site WebSocket hijacking from the same site: a page on another port of
// the same host, opened in the browser of a signed-in dispatcher, whose cookie
// (SameSite ignores ports) goes with its WebSocket handshake to altpath.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { buildCrisisCall } from '../support/calls.js';
import { bootTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.js';

const socketIoClient = readFileSync(
  fileURLToPath(
    new URL('../../node_modules/socket.io-client/dist/socket.io.min.js', import.meta.url),
  ),
);

/** The attacker's page: connects to altpath with whatever cookie the browser holds. */
function attackerPage(target: string) {
  return `<!doctype html><html><head><title>free kittens</title>
<script src="/socket.io.min.js"></script></head><body><script>
window.result = new Promise((resolve) => {
  const socket = io(${JSON.stringify(target)}, { transports: ['websocket'], reconnection: false });
  socket.on('connect_error', (err) => resolve({ refused: err.message }));
  socket.on('connect', () =>
    socket.emit('events:since', { after: 0 }, (answer) => resolve({ stolen: answer })));
});
</script></body></html>`;
}

describe('the socket handshake checks Origin', () => {
  let app: TestApp;
  let browser: Browser;
  let attacker: Server;
  let attackerUrl: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([bootTestApp('pglite'), launchChromium()]);
    const dispatcher = await app.as('dispatcher');
    expect((await dispatcher('POST', '/api/calls', buildCrisisCall())).status).toBe(201);
    attacker = createServer((req, res) => {
      if (req.url === '/socket.io.min.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' });
        return res.end(socketIoClient);
      }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(attackerPage(app.url.replace('localhost', '127.0.0.1')));
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
    await app?.stop();
  });

  it('refuses a page on another port of the same host, even with the session cookie', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const own = app.url.replace('localhost', '127.0.0.1');
      await page.goto(`${own}/`);
      const signIn = await page.evaluate(async (password) => {
        const res = await fetch('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'dispatcher@altpath.local', password }),
        });
        return res.status;
      }, DEMO_PASSWORD);
      expect(signIn).toBe(200);
      // The browser now holds the cookie for 127.0.0.1; the attacker's page is same-site.
      await page.goto(attackerUrl);
      const result = await page.evaluate(() => (window as unknown as { result: unknown }).result);
      // Refused at the handshake (403): the page learns nothing, not even an answer.
      expect(result).toHaveProperty('refused');
      expect(result).not.toHaveProperty('stolen');
    } finally {
      await context.close();
    }
  });

  it('accepts the site itself, and clients that send no Origin (API clients)', async () => {
    const token = await app.tokenFor('dispatcher');
    const outcome = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const socket = io(app.url, {
          auth: { token },
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
          extraHeaders: headers,
        });
        socket.once('connect', () => (socket.disconnect(), resolve('connected')));
        socket.once('connect_error', (err) => resolve(err.message));
      });
    const own = new URL(app.url);
    expect(await outcome({ origin: own.origin })).toBe('connected');
    expect(await outcome({})).toBe('connected');
    expect(await outcome({ origin: `http://${own.hostname}:1` })).not.toBe('connected');
    // Same host and port, other scheme: not this site.
    expect(await outcome({ origin: `https://${own.host}` })).not.toBe('connected');
    expect(await outcome({ origin: 'null' })).not.toBe('connected');
    // A cross-site fetch that hides its Origin still says so in Sec-Fetch-Site.
    expect(await outcome({ 'sec-fetch-site': 'same-site' })).not.toBe('connected');
  });

  it('sends the security headers on socket.io polling responses too', async () => {
    const res = await fetch(`${app.url}/socket.io/?EIO=4&transport=polling`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('x-frame-options')).toBeTruthy();
  });
});
