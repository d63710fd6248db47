// The README's multi-process deployment, run for real: two PostgreSQL-backed
// processes started by the commands in deploy/systemd (after the migration
// unit), behind an nginx of the test's own (its prefix, its ports, not root)
// serving deploy/nginx/altpath.conf as it ships, TLS included. A call taken
// through nginx reaches sockets on both processes; one process restarts, its
// client reconnects through the proxy and catches up by number, nothing lost.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/crypto/password.js';
import { buildFallCall } from '../support/calls.js';
import { hearPushedEvents } from '../support/pushed-events.js';
import {
  deployDir,
  findNginx,
  mainConfig,
  readmeNginxBlock,
  siteConfig,
  unitCommand,
} from './deployment.js';

const nginx = findNginx();
const adminUrl = process.env.TEST_DATABASE_URL;
if (!nginx) {
  console.warn('SKIPPED test/deploy/nginx.test.ts: nginx is not installed (apt-get install nginx)');
}
if (!adminUrl) {
  console.warn('SKIPPED test/deploy/nginx.test.ts: TEST_DATABASE_URL (PostgreSQL) is not set');
}

const PASSWORD = 'deployment-test-passphrase';
const EMAIL = 'dispatch.deploy@altpath.test';

describe('the shipped files', () => {
  it('README shows exactly deploy/nginx/altpath.conf', () => {
    const shipped = readFileSync(path.join(deployDir, 'nginx', 'altpath.conf'), 'utf8');
    expect(readmeNginxBlock()).toBe(shipped);
  });
});

describe.runIf(nginx && adminUrl)('two processes behind nginx as deployed', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'altpath-deploy-'));
  const database = `altpath_deploy_${process.pid}`;
  let databaseUrl: string;
  let ports: { a: number; b: number; https: number; http: number };
  let proxy: ChildProcess;
  const processes = new Map<'a' | 'b', ChildProcess>();
  const sockets: Socket[] = [];

  /** Everything the units' EnvironmentFile would hold. */
  const environment = () => ({
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'a-deployment-test-secret-that-is-long-enough-0123456789',
    ALLOWED_ORIGINS: `https://127.0.0.1:${ports.https}`,
    TRUST_PROXY: '1',
    LOG_LEVEL: 'warn',
  });

  function run(unit: string, instance = ''): ChildProcess {
    const command = unitCommand(unit, instance);
    const inherited = { ...process.env };
    delete inherited.DATA_DIR;
    delete inherited.NODE_OPTIONS;
    return spawn(command.argv[0]!, command.argv.slice(1), {
      cwd: command.cwd,
      env: { ...inherited, ...environment(), ...command.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  async function startProcess(name: 'a' | 'b'): Promise<void> {
    const child = run('altpath@.service', String(ports[name]));
    processes.set(name, child);
    let output = '';
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    await new Promise<void>((resolve, reject) => {
      child.once('exit', (code) =>
        reject(new Error(`altpath@${ports[name]} exited ${code}\n${output}`)),
      );
      child.stdout!.on('data', (c: Buffer) => {
        output += c.toString();
        if (output.includes('altpath is running at')) resolve();
      });
    });
  }

  async function stopProcess(name: 'a' | 'b'): Promise<void> {
    const child = processes.get(name)!;
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM'); // what systemctl restart sends (KillSignal=SIGTERM)
    await exited;
  }

  beforeAll(async () => {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.query(`create database ${database}`);
    await admin.end();
    const url = new URL(adminUrl!);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    ports = {
      a: await freePort(),
      b: await freePort(),
      https: await freePort(),
      http: await freePort(),
    };

    // The migration unit first, then an account (production seeds no demo ones).
    const migrate = run('altpath-migrate.service');
    const migrated = await new Promise<number | null>((r) => migrate.once('exit', r));
    expect(migrated).toBe(0);
    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    await db.query(
      `insert into users (id, email, role, password_hash) values (gen_random_uuid(), $1, 'dispatcher', $2)`,
      [EMAIL, await hashPassword(PASSWORD)],
    );
    await db.end();

    await Promise.all([startProcess('a'), startProcess('b')]); // as altpath.target starts them

    const prefix = path.join(work, 'nginx');
    mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
    chmodSync(work, 0o755);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(prefix, 'privkey.pem'),
        '-out',
        path.join(prefix, 'fullchain.pem'),
      ],
      { stdio: 'ignore' },
    );
    writeFileSync(
      path.join(prefix, 'altpath.conf'),
      siteConfig({
        upstreamPorts: [ports.a, ports.b],
        httpsPort: ports.https,
        httpPort: ports.http,
        certificate: path.join(prefix, 'fullchain.pem'),
        key: path.join(prefix, 'privkey.pem'),
      }),
    );
    writeFileSync(path.join(prefix, 'nginx.conf'), mainConfig(prefix));
    const conf = path.join(prefix, 'nginx.conf');
    execFileSync(nginx!, ['-t', '-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', conf], {
      stdio: 'pipe',
    });
    proxy = spawn(
      nginx!,
      ['-p', prefix, '-e', path.join(prefix, 'error.log'), '-c', conf, '-g', 'daemon off;'],
      {
        stdio: 'ignore',
      },
    );
    for (let i = 0; i < 100; i++) {
      if ((await get('127.0.0.1', '/api/health').catch(() => undefined))?.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);

  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    proxy?.kill('SIGQUIT');
    await Promise.all([...processes.keys()].map((name) => stopProcess(name)));
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  // Each client is its own loopback address, so the address hash can tell them apart.
  const agents = new Map<string, Agent>();
  const agentFor = (address: string) => {
    if (!agents.has(address)) {
      agents.set(
        address,
        new Agent({ localAddress: address, rejectUnauthorized: false, keepAlive: false }),
      );
    }
    return agents.get(address)!;
  };

  interface Answer {
    status: number;
    upstream: string;
    body: unknown;
  }

  function send(from: string, method: string, route: string, body?: unknown, token?: string) {
    return new Promise<Answer>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port: ports.https,
          method,
          path: route,
          agent: agentFor(from),
          headers: {
            ...(payload ? { 'content-type': 'application/json' } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              upstream: String(res.headers['x-test-upstream'] ?? ''),
              body: text && res.headers['content-type']?.includes('json') ? JSON.parse(text) : text,
            }),
          );
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }
  const get = (from: string, route: string) => send(from, 'GET', route);

  /** Loopback addresses that nginx sends to process a and to process b, each always there. */
  async function addressesByProcess(): Promise<{ a: string; b: string }> {
    const found: Partial<Record<'a' | 'b', string>> = {};
    for (let last = 2; last < 60 && !(found.a && found.b); last++) {
      const address = `127.0.0.${last}`;
      const upstreams = new Set<string>();
      for (let i = 0; i < 3; i++) upstreams.add((await get(address, '/api/health')).upstream);
      expect(upstreams.size, `${address} is sticky`).toBe(1);
      const [upstream] = [...upstreams];
      const name =
        upstream === `127.0.0.1:${ports.a}`
          ? 'a'
          : upstream === `127.0.0.1:${ports.b}`
            ? 'b'
            : undefined;
      if (name && !found[name]) found[name] = address;
    }
    expect(found.a && found.b).toBeTruthy();
    return found as { a: string; b: string };
  }

  interface Watched {
    socket: Socket;
    /** Call ids this client has seen, live or caught up. */
    calls: Set<string>;
    horizon: number;
  }

  /** A dashboard through nginx as a browser connects: long-polling first, then the upgrade. */
  async function watch(from: string, token: string): Promise<Watched> {
    const socket = hearPushedEvents(
      io(`https://127.0.0.1:${ports.https}`, {
        auth: { token },
        agent: agentFor(from) as never,
        rejectUnauthorized: false,
        reconnection: false,
        forceNew: true,
      }),
    );
    sockets.push(socket);
    const watched: Watched = { socket, calls: new Set(), horizon: 0 };
    socket.onAny((event: string, payload: { id?: string }, meta?: { horizon?: number }) => {
      if (event === 'call:created' && payload.id) watched.calls.add(payload.id);
      if (typeof meta?.horizon === 'number')
        watched.horizon = Math.max(watched.horizon, meta.horizon);
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    if (socket.io.engine.transport.name !== 'websocket') {
      await new Promise<void>((resolve) => socket.io.engine.once('upgrade', () => resolve()));
    }
    const since = await socket.emitWithAck('events:since', { after: null });
    watched.horizon = Math.max(watched.horizon, since.data.horizon as number);
    return watched;
  }

  async function catchUp(watched: Watched): Promise<void> {
    const answer = await watched.socket.emitWithAck('events:since', { after: watched.horizon });
    expect(answer.ok).toBe(true);
    expect(answer.data.resync).toBeFalsy();
    for (const e of answer.data.events as Array<{ event: string; payload: { id: string } }>)
      if (e.event === 'call:created') watched.calls.add(e.payload.id);
    watched.horizon = Math.max(watched.horizon, answer.data.horizon as number);
  }

  async function until(check: () => boolean, what: string, ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('redirects plain HTTP to HTTPS', async () => {
    const res = await fetch(`http://127.0.0.1:${ports.http}/dispatcher.html`, {
      redirect: 'manual',
    });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe(`https://127.0.0.1/dispatcher.html`);
  });

  it('takes a call through nginx to sockets on both processes, and loses nothing over a restart', async () => {
    const at = await addressesByProcess();
    const login = await send(at.a, 'POST', '/api/auth/login', { email: EMAIL, password: PASSWORD });
    expect(login.status).toBe(200);
    const token = (login.body as { token: string }).token;

    const onA = await watch(at.a, token);
    const onB = await watch(at.b, token);
    expect(onA.socket.io.engine.transport.name).toBe('websocket');

    const first = await send(
      at.a,
      'POST',
      '/api/calls',
      buildFallCall({ notes: 'through nginx' }),
      token,
    );
    expect(first.status).toBe(201);
    expect(first.upstream).toBe(`127.0.0.1:${ports.a}`);
    const firstId = (first.body as { id: string }).id;
    await until(() => onA.calls.has(firstId) && onB.calls.has(firstId), 'the call on both sockets');

    // Restart process a: its socket is told to go and disconnected; a call is
    // taken while it is away (nginx passes over the stopped process).
    const gone = new Promise((resolve) => onA.socket.once('disconnect', resolve));
    await stopProcess('a');
    await gone;
    const missed = await send(
      at.a,
      'POST',
      '/api/calls',
      buildFallCall({ notes: 'while a restarts' }),
      token,
    );
    expect(missed.status).toBe(201);
    // nginx may first try the stopped process (then the header names both): b answers.
    expect(missed.upstream.split(', ').at(-1)).toBe(`127.0.0.1:${ports.b}`);
    const missedId = (missed.body as { id: string }).id;
    await until(() => onB.calls.has(missedId), 'the call on the socket that stayed');
    expect(onA.calls.has(missedId)).toBe(false);
    await startProcess('a');

    // The client reconnects through the proxy (as the browser does) and asks for what it missed.
    onA.socket.connect();
    await new Promise<void>((resolve) => onA.socket.once('connect', () => resolve()));
    await catchUp(onA);
    expect(onA.calls.has(missedId)).toBe(true);

    const after = await send(
      at.b,
      'POST',
      '/api/calls',
      buildFallCall({ notes: 'after the restart' }),
      token,
    );
    expect(after.status).toBe(201);
    const afterId = (after.body as { id: string }).id;
    await until(() => onA.calls.has(afterId) && onB.calls.has(afterId), 'the next call on both');
    for (const watched of [onA, onB]) {
      expect([firstId, missedId, afterId].every((id) => watched.calls.has(id))).toBe(true);
    }
  }, 120_000);
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
