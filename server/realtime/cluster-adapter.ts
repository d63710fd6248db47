import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import type { Logger } from '../logging/logger.js';
import type { AltpathIo } from './publisher.js';

/**
 * Several server processes share one PostgreSQL: @socket.io/postgres-adapter
 * carries each broadcast to the sockets connected to the other processes
 * (LISTEN/NOTIFY, large payloads through socket_io_attachments).
 */
export function attachClusterAdapter(io: AltpathIo, databaseUrl: string, logger: Logger) {
  const log = logger.child({ module: 'cluster-adapter' });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', (err) => log.error({ err }, 'adapter pool error'));
  io.adapter(createAdapter(pool, { errorHandler: (err) => log.error({ err }, 'adapter error') }));
  return { close: () => pool.end() };
}
