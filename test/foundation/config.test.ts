import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config/config.js';

describe('configuration', () => {
  it('applies defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      NODE_ENV: 'development',
      DEMO_PASSWORD: 'altpath-demo',
    });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.seedDemoAccounts).toBe(true);
  });

  it('names the variable and the fault in one line', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^Invalid configuration: PORT .+$/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(
      /DATABASE_URL must be a postgres/,
    );
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });

  it('refuses production without a session secret of its own, and seeds no demo accounts there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
    const config = loadConfig({
      NODE_ENV: 'production',
      SESSION_SECRET: 'a-real-secret-of-32-characters!!',
    });
    expect(config.seedDemoAccounts).toBe(false);
  });

  it('holds a crew step 5 s for an Undo, shorter only in tests', () => {
    expect(loadConfig({}).STEP_UNDO_S).toBe(5);
    expect(loadConfig({ NODE_ENV: 'test' }).STEP_UNDO_S).toBe(5);
    expect(loadConfig({ NODE_ENV: 'test', STEP_UNDO_S: '1' }).STEP_UNDO_S).toBe(1);
    expect(() => loadConfig({ STEP_UNDO_S: '1' })).toThrow(
      'Invalid configuration: STEP_UNDO_S can differ from 5 only in tests (NODE_ENV=test)',
    );
    expect(() =>
      loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'a'.repeat(32), STEP_UNDO_S: '2' }),
    ).toThrow(/STEP_UNDO_S can differ from 5 only in tests/);
    expect(() => loadConfig({ NODE_ENV: 'test', STEP_UNDO_S: '0' })).toThrow(/STEP_UNDO_S/);
    expect(() => loadConfig({ NODE_ENV: 'test', STEP_UNDO_S: '6' })).toThrow(/STEP_UNDO_S/);
  });

  it('stops start-up with that one line and exit status 1', () => {
    const run = spawnSync('node_modules/.bin/tsx', ['server/main.ts'], {
      env: { ...process.env, PORT: 'not-a-port' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      'Invalid configuration: PORT must be a port number (0-65535)',
    ]);
  });
});
