import type { Logger } from '../logging/logger.js';
import type { AltpathIo } from './publisher.js';

/**
 * Bounds what a slow client can make this process hold.
 *
 * socket.io has no back-pressure: every emit to a socket becomes a packet in its
 * engine.io connection's `writeBuffer`, which is flushed only once the transport
 * has written the previous batch (for a WebSocket: once the kernel took it). A
 * client on a bad network, or a stalled tab, reads slower than the dashboards are
 * fed (tens of events a second under load), so its buffer, and every broadcast
 * frame it references, grows until the heartbeat gives up (up to pingInterval +
 * pingTimeout, 45 s by default, since the ping itself waits behind the backlog).
 *
 * Here each connection is checked as each packet is queued (one length
 * comparison): past `maxBufferedPackets` unsent packets the connection is closed
 * at once, discarding the backlog (a polite close would wait for the backlog to
 * drain first). Nothing is lost: every pushed event is numbered and stored, and a
 * client that reconnects asks `events:since` with the last number it saw (or
 * reloads its state when too far behind). The default stays under MAX_CATCH_UP
 * (1,000), so a dropped dashboard can usually replay instead of reloading.
 */
export const DEFAULT_MAX_BUFFERED_PACKETS = 500;

/** The part of an engine.io connection the bound reads and closes. */
export interface BufferedConnection {
  readonly writeBuffer: readonly unknown[];
  readonly readyState: string;
  on(event: 'packetCreate', listener: () => void): unknown;
  close(discard?: boolean): unknown;
}

/** True when a connection holds more unsent packets than `max` (the one being queued counts). */
export function exceedsWriteBuffer(
  conn: Pick<BufferedConnection, 'writeBuffer'>,
  max: number,
): boolean {
  // packetCreate fires just before the new packet is pushed: count it too.
  return conn.writeBuffer.length + 1 > max;
}

/**
 * Watches one connection; calls `onExceeded` and closes it (discarding its
 * backlog) the first time it holds more than `max` unsent packets.
 */
export function boundConnection(
  conn: BufferedConnection,
  max: number,
  onExceeded: (buffered: number) => void,
): void {
  let closing = false;
  conn.on('packetCreate', () => {
    if (closing || !exceedsWriteBuffer(conn, max)) return;
    closing = true;
    onExceeded(conn.writeBuffer.length);
    // Not inside the emit that is iterating a room's sockets: on the next tick.
    process.nextTick(() => {
      if (conn.readyState !== 'closed') conn.close(true);
    });
  });
}

/** Applies the bound to every socket that connects to `io`. */
export function boundSlowClients(
  io: AltpathIo,
  logger: Logger,
  max = DEFAULT_MAX_BUFFERED_PACKETS,
): void {
  const log = logger.child({ module: 'slow-clients' });
  io.on('connection', (socket) => {
    boundConnection(socket.conn as unknown as BufferedConnection, max, (buffered) =>
      log.warn(
        { socketId: socket.id, buffered, max },
        'slow client disconnected: too many unsent packets',
      ),
    );
  });
}
