import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Logger } from '../logging/logger.js';
import type { AltpathIo } from './publisher.js';

/** How long connecting to PostgreSQL may take before it counts as a failure (and is retried). */
const CONNECT_TIMEOUT_MS = 5_000;

export interface ClusterAdapter {
  /** True while this process LISTENs for the other processes' broadcasts. */
  listening(): boolean;
  close(): Promise<void>;
}

/**
 * Several server processes share one PostgreSQL: @socket.io/postgres-adapter
 * carries each broadcast to the sockets connected to the other processes
 * (LISTEN/NOTIFY, large payloads through socket_io_attachments).
 *
 * The adapter takes its LISTEN connection with `pool.connect()`, never puts an
 * error listener on it and never releases it. So a terminated backend (a
 * PostgreSQL restart, `pg_terminate_backend`, a dropped database) raised an
 * unhandled 'error' that killed the process, and each reconnection would leak a
 * pool slot until none were left. It only needs `connect()` and `query()` of
 * the pool, so it gets a pool whose `connect()` hands out a dedicated client that
 * has an error listener and ends when released. The adapter already reconnects
 * (every ~2 s) and LISTENs again when that client ends: that is the recovery.
 */
export function attachClusterAdapter(
  io: AltpathIo,
  databaseUrl: string,
  logger: Logger,
): ClusterAdapter {
  const log = logger.child({ module: 'cluster-adapter' });
  // Publishing (NOTIFY, attachments, heartbeats): pg-pool guards the clients it lends to query().
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  pool.on('error', (err) => log.warn({ err: err.message }, 'adapter pool connection lost'));
  const listen = listenConnection(databaseUrl, log);
  const adapterPool = { connect: listen.connect, query: pool.query.bind(pool) };
  io.adapter(
    createAdapter(adapterPool as unknown as pg.Pool, {
      errorHandler: (err) => log.warn({ err: err.message }, 'adapter could not reach PostgreSQL'),
    }),
  );
  return {
    listening: listen.listening,
    async close() {
      listen.close();
      await pool.end();
    },
  };
}

/**
 * One LISTEN connection at a time. A new one replaces any still open (the
 * adapter can schedule two reconnections when a connection dies while it is
 * subscribing), detached first so the adapter does not schedule yet another.
 */
function listenConnection(databaseUrl: string, log: Logger) {
  let current: pg.Client | undefined;
  let subscribed = false;
  let closed = false;

  const retire = (client: pg.Client) => {
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
  };

  async function connect(): Promise<pg.Client & { release(): void }> {
    if (closed) throw new Error('cluster adapter closed');
    if (current) retire(current);
    subscribed = false;
    const client = new pg.Client({
      connectionString: databaseUrl,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
      keepAlive: true,
    });
    current = client;
    // A lost connection also emits 'end', on which the adapter reconnects.
    client.on('error', (err) => log.warn({ err: err.message }, 'LISTEN connection lost'));
    client.on('end', () => {
      if (current === client) subscribed = false;
    });
    try {
      await client.connect();
    } catch (err) {
      if (current === client) current = undefined;
      retire(client);
      throw err;
    }
    const query = client.query.bind(client) as (text: string) => Promise<unknown>;
    const listening = Object.assign(client, {
      query: async (text: string) => {
        const result = await query(text);
        if (/^LISTEN /i.test(text) && current === client) {
          if (!subscribed) log.info('listening for the other processes');
          subscribed = true;
        }
        return result;
      },
      release: () => {
        if (current === client) current = undefined;
        subscribed = false;
        retire(client);
      },
    });
    return listening as unknown as pg.Client & { release(): void };
  }

  return {
    connect,
    listening: () => subscribed,
    close() {
      closed = true;
      if (current) retire(current);
      current = undefined;
      subscribed = false;
    },
  };
}
