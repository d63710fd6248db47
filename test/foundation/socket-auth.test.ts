import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { testDialects } from '../support/databases.js';
import { bootTestApp, type TestApp } from '../support/test-app.js';

function outcome(socket: Socket): Promise<'connected' | string> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (err) => resolve(err.message));
  });
}

describe.each(testDialects)('socket authentication (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await bootTestApp(dialect);
  });
  afterAll(() => app?.stop());

  it('refuses a connection without a token', async () => {
    expect(await outcome(app.socket(undefined))).toBe('unauthenticated');
  });

  it('refuses a connection with a forged token', async () => {
    expect(await outcome(app.socket('not-a-session'))).toBe('unauthenticated');
  });

  it('accepts a connection with a live session token', async () => {
    expect(await outcome(app.socket(await app.tokenFor('dispatcher')))).toBe('connected');
  });
});
