import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { EventMeta, PushedMessage } from '../../shared/event-contract.js';
import { EVENTS_CHANNEL, eventsCommittedSince, type LoggedEvent } from './event-log-repository.js';
import type { AltpathIo } from './publisher.js';
import { createPushOutbox } from './push-outbox.js';

/** How often the log is read even when no NOTIFY came (a lost LISTEN connection, PGlite). */
const POLL_MS = 1_000;
/** Rows per read; more are read on the next one. */
const READ_LIMIT = 5_000;

export interface EventFeed {
  /** Names this process in its NOTIFYs, so it does not read the log for its own events. */
  readonly origin: string;
  /**
   * Emits logged events to this process's sockets, each once (whichever path
   * brings it first), batched per room (push-outbox.ts); `onEmitted(i)` once
   * `events[i]` has been handed to its room's sockets.
   */
  deliver(events: LoggedEvent[], onEmitted?: (index: number) => void): void;
  /** Emits every batch still waiting (shutdown, tests). */
  flush(): void;
  /** Reads the log now (and again after, if a read is already running). */
  read(): Promise<void>;
  /**
   * The horizon this process has emitted everything below (null before its first read
   * succeeds: until then the process is not ready and refuses sockets, feed-gate.ts).
   */
  horizon(): number | null;
  close(): void;
}

/**
 * How events reach this process's sockets: its own as soon as they are written
 * (the publisher hands them over), everyone's by reading the log (woken by
 * NOTIFY, and once a second regardless). Every event is emitted once, in the
 * order it is read, with this process's horizon: everything in the socket's
 * room below that horizon has already been emitted to it (or was there before
 * it connected, and came in its catch-up), so the client can forget what it
 * holds below it. A NOTIFY lost with the LISTEN connection costs a second of
 * delay, never an event: the next poll reads it.
 */
export function createEventFeed(
  io: AltpathIo,
  db: Database,
  logger: Logger,
  options: {
    listenUrl?: string | undefined;
    /** How long a busy process gathers a room's events into one frame (push-outbox.ts). */
    coalesceMs?: number;
    onDelivered?: (event: LoggedEvent) => void;
  } = {},
): EventFeed {
  const log = logger.child({ module: 'event-feed' });
  const outbox = createPushOutbox(io, options.coalesceMs ?? 0);
  let horizon: number | null = null;
  let snapshot: string | null = null;
  /** Emitted here with a tx at or above the horizon (below it, everything was). */
  const emitted = new Map<number, number>();
  let reading: Promise<void> | undefined;
  let again = false;
  let closed = false;

  const deliver = (events: LoggedEvent[], onEmitted?: (index: number) => void) => {
    events.forEach((e, i) => {
      if ((horizon !== null && e.tx < horizon) || emitted.has(e.id)) return;
      emitted.set(e.id, e.tx);
      const meta: EventMeta = { room: e.room, id: e.id, tx: e.tx, horizon: horizon ?? 0 };
      // The payload's type was fixed by messagesFor(); the log row cannot carry that.
      const message = { event: e.event, payload: e.payload, meta } as PushedMessage;
      outbox.add(message, onEmitted && (() => onEmitted(i)));
      options.onDelivered?.(e);
    });
  };

  const readOnce = async () => {
    const from = horizon ?? 0;
    const read = await eventsCommittedSince(
      db.query,
      from,
      horizon === null ? null : snapshot,
      [...emitted.keys()],
      READ_LIMIT,
    );
    if (horizon === null) {
      // Start-up: nothing before now is this process's to emit (no socket is connected yet).
      horizon = read.horizon;
      snapshot = read.snapshot;
      return;
    }
    deliver(read.events);
    // A full page may stop inside a transaction's rows: advance only to that transaction.
    const last = read.events.at(-1);
    const next =
      read.events.length === READ_LIMIT && last ? Math.min(last.tx, read.horizon) : read.horizon;
    if (read.events.length < READ_LIMIT) snapshot = read.snapshot;
    if (next > horizon) {
      horizon = next;
      for (const [id, tx] of emitted) if (tx < next) emitted.delete(id);
    }
  };

  const read = async (): Promise<void> => {
    if (closed) return;
    if (reading) {
      again = true;
      return reading;
    }
    reading = (async () => {
      do {
        again = false;
        try {
          await readOnce();
        } catch (err) {
          log.warn(
            { err: (err as Error).message },
            horizon === null
              ? 'event log unreadable at start-up: not ready, sockets refused; retrying every second'
              : 'event log read failed; retrying',
          );
          return;
        }
      } while (again && !closed);
    })().finally(() => {
      reading = undefined;
    });
    return reading;
  };

  // The poll is also the retry of a failed first read: readiness and sockets wait for it.
  const timer = setInterval(() => void read(), POLL_MS);
  timer.unref();
  // The horizon at once, not at the first tick: sockets are refused until it is known.
  void read();
  const origin = randomUUID();
  // Our own batches are emitted as they are written: only the others' NOTIFYs wake a read.
  const listener = options.listenUrl
    ? listen(options.listenUrl, log, (from) => {
        if (from !== origin) void read();
      })
    : undefined;

  return {
    origin,
    deliver,
    flush: outbox.flush,
    read,
    horizon: () => horizon,
    close() {
      closed = true;
      clearInterval(timer);
      listener?.close();
      outbox.close();
    },
  };
}

/** LISTEN on the events channel, reconnecting every 2 s when the connection is lost. */
function listen(url: string, log: Logger, onNotify: (payload: string | undefined) => void) {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({
      connectionString: url,
      keepAlive: true,
      connectionTimeoutMillis: 5_000,
    });
    client = next;
    next.on('notification', (n) => onNotify(n.payload));
    next.on('error', (err) => log.warn({ err: err.message }, 'events LISTEN connection lost'));
    next.on('end', () => {
      if (closed || client !== next) return;
      retry = setTimeout(() => void connect(), 2_000);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${EVENTS_CHANNEL}`);
      onNotify(undefined); // whatever was written while not listening
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'events LISTEN failed; retrying');
      next.removeAllListeners('end');
      next.end().catch(() => undefined);
      if (!closed) retry = setTimeout(() => void connect(), 2_000);
    }
  };
  void connect();
  return {
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      client?.removeAllListeners('end');
      client?.end().catch(() => undefined);
    },
  };
}
