import { io as connectSocket, type Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../../server/boot.js';
import { loadConfig } from '../../server/config/config.js';
import type { DestinationStream } from '../../server/logging/logger.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './databases.js';
import { hearPushedEvents } from './pushed-events.js';

export const DEMO_PASSWORD = 'altpath-demo';
export type DemoUser =
  'dispatcher' | 'paramedic1' | 'paramedic2' | 'lead' | 'admin' | 'crisis' | 'clinic1';

export interface TestApp {
  server: RunningServer;
  database: TestDatabase;
  url: string;
  /** fetch against the app; JSON bodies are serialised, the answer parsed. */
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
  /** Signs a demo user in and returns its bearer token (cached per app). */
  tokenFor(user: DemoUser): Promise<string>;
  as(
    user: DemoUser,
  ): Promise<(method: string, path: string, body?: unknown) => Promise<TestResponse>>;
  socket(token: string | undefined): Socket;
  /** Stops the server (keeps the database unless `dispose`). */
  stop(options?: { dispose?: boolean }): Promise<void>;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  token?: string;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read JSON freely
  body: any;
}

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DB_ACQUIRE_TIMEOUT_MS: '2000',
    ...overrides,
  });
}

/** Boots the real app on a fresh database (or the given one, for restarts). */
export async function bootTestApp(
  dialect: TestDialect,
  options: {
    database?: TestDatabase;
    env?: Record<string, string>;
    logStream?: DestinationStream;
  } = {},
): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase(dialect));
  const server = await startServer(testConfig(options.env), {
    db: database.open(),
    logStream: options.logStream,
  });
  const tokens = new Map<DemoUser, string>();
  const sockets: Socket[] = [];

  const request: TestApp['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    } else if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${server.url}${path}`, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: response.status, headers: response.headers, body: parsed };
  };

  const tokenFor = async (user: DemoUser) => {
    const cached = tokens.get(user);
    if (cached) return cached;
    const res = await request('POST', '/api/auth/login', {
      body: { email: `${user}@altpath.local`, password: DEMO_PASSWORD },
    });
    if (res.status !== 200) throw new Error(`sign-in as ${user} failed: ${res.status}`);
    tokens.set(user, res.body.token);
    return res.body.token as string;
  };

  return {
    server,
    database,
    url: server.url,
    request,
    tokenFor,
    async as(user) {
      const token = await tokenFor(user);
      return (method, path, body) => request(method, path, { token, body });
    },
    socket(token) {
      const socket = hearPushedEvents(
        connectSocket(server.url, {
          auth: token ? { token } : {},
          transports: ['websocket'],
          reconnection: false,
          forceNew: true,
        }),
      );
      sockets.push(socket);
      return socket;
    },
    async stop({ dispose = true } = {}) {
      for (const socket of sockets) socket.disconnect();
      await server.stop();
      if (dispose) await database.dispose();
    },
  };
}
