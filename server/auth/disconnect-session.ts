import type { Logger } from '../logging/logger.js';
import type { Actor } from './roles.js';

/** What this needs of socket.io's server: local and (with an adapter) remote sockets. */
export interface SocketDirectory {
  fetchSockets(): Promise<Array<{ data: { actor?: Actor }; disconnect(close?: boolean): unknown }>>;
}

/**
 * Disconnects every socket signed in with a revoked session, on every node.
 * In the background: a slow or absent peer node must not hold up the revocation,
 * which is already in force for the next request and the next handshake.
 */
export function disconnectSessionSockets(io: SocketDirectory, logger: Logger) {
  return (sessionId: string): void => {
    io.fetchSockets().then(
      (sockets) => {
        for (const socket of sockets)
          if (socket.data.actor?.sessionId === sessionId) socket.disconnect(true);
      },
      (err: unknown) =>
        logger.warn({ err, sessionId }, 'could not disconnect the sockets of a revoked session'),
    );
  };
}
