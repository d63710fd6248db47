import type { Server as HttpServer } from 'node:http';
import type { RequestHandler } from 'express';
import { Server as SocketServer } from 'socket.io';
import type { AuthService } from '../auth/auth-service.js';
import type { Config } from '../config/config.js';
import type { Database } from '../db/database.js';
import type { SiteOrigins } from '../http/site-origin.js';
import type { Logger } from '../logging/logger.js';
import { metricsFactory } from '../metrics/metrics.js';
import { attachClusterAdapter } from '../realtime/cluster-adapter.js';
import { createEventFeed } from '../realtime/event-feed.js';
import { createPublisher, type AltpathIo } from '../realtime/publisher.js';
import { sessionSocketsFactory } from '../realtime/session-sockets.js';
import { boundSlowClients } from '../realtime/slow-client-bound.js';
import { allowSameOriginHandshakes } from '../realtime/socket-auth.js';
import { noStore } from './http-edge.js';

/**
 * socket.io on the HTTP server, its sessions, the cross-process adapter (with
 * DATABASE_URL) and the publisher every domain hands its events to. The socket
 * handlers are attached later (attachSockets), once the domains exist.
 */
export function createRealtime(deps: {
  http: HttpServer;
  config: Pick<
    Config,
    'DATABASE_URL' | 'SESSION_WATCH_INTERVAL_MS' | 'SOCKETS_PER_USER' | 'PUSH_COALESCE_MS'
  >;
  db: Database;
  logger: Logger;
  auth: AuthService;
  origins: SiteOrigins;
  securityHeaders: RequestHandler;
}) {
  const { config, db, logger } = deps;
  const io: AltpathIo = new SocketServer(deps.http, {
    serveClient: false,
    maxHttpBufferSize: 100_000,
    allowRequest: allowSameOriginHandshakes(deps.origins),
  });
  // socket.io answers its own requests before express: the same headers on its responses.
  io.engine.use(deps.securityHeaders);
  io.engine.use(noStore);
  const sessionSockets = sessionSocketsFactory({
    io,
    auth: deps.auth,
    logger,
    watchIntervalMs: config.SESSION_WATCH_INTERVAL_MS,
    socketsPerUser: config.SOCKETS_PER_USER,
  });
  // No back-pressure in socket.io: a client too far behind is dropped and catches up (events:since).
  boundSlowClients(io, logger);
  const cluster = config.DATABASE_URL
    ? attachClusterAdapter(io, config.DATABASE_URL, logger)
    : undefined;
  const metrics = metricsFactory({ db, io });
  const feed = createEventFeed(io, db, logger, {
    listenUrl: config.DATABASE_URL,
    coalesceMs: config.PUSH_COALESCE_MS,
  });
  const publisher = createPublisher(db, feed, logger, { onEmitted: metrics.eventEmitted });
  return {
    io,
    sessionSockets,
    cluster,
    metrics,
    feed,
    publisher,
    publish: metrics.counting(publisher.publish),
    /** Drops a session's sockets on every process (the adapter carries it). */
    endSessions: (ids: string[]) => ids.forEach(sessionSockets.endSession),
  };
}

export type Realtime = ReturnType<typeof createRealtime>;
