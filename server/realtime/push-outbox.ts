import type { PushedMessage } from '../../shared/event-contract.js';
import type { AltpathIo } from './publisher.js';

/** Events waiting for their room's next frame. */
interface Waiting {
  message: PushedMessage;
  /** Called once the message has been handed to the room's sockets. */
  onEmitted?: (() => void) | undefined;
}

export interface PushOutbox {
  /** Queues a message for its room (meta.room); it goes out with the room's next batch. */
  add(message: PushedMessage, onEmitted?: () => void): void;
  /** Emits everything waiting now (shutdown, tests). */
  flush(): void;
  close(): void;
}

/**
 * Turns a process's pushed events into as few socket frames as honest latency
 * allows. Under load the cost of the live path is per frame and per socket (a
 * write to each connection: ~0.05 ms, times every dashboard, times every event),
 * not per byte, so each room's waiting events go out as ONE `events:pushed`
 * broadcast, encoded once for all the room's sockets.
 *
 * When nothing went out for `coalesceMs`, a batch leaves on the next turn of the
 * event loop (only what arrived in the same turn shares it: no added delay on a
 * quiet system). Otherwise it waits until `coalesceMs` after the last one, so a
 * busy process sends each socket at most one frame per `coalesceMs`, and the
 * busier it is the more each frame carries. Events keep their order within a
 * room, each with the meta it was given.
 */
export function createPushOutbox(io: AltpathIo, coalesceMs: number): PushOutbox {
  const rooms = new Map<string, Waiting[]>();
  /** Cancels the flush that is scheduled, if one is. */
  let cancel: (() => void) | undefined;
  let lastFlush = -Infinity;
  let closed = false;

  const flush = () => {
    cancel?.();
    cancel = undefined;
    lastFlush = performance.now();
    const batches = [...rooms];
    rooms.clear();
    for (const [room, waiting] of batches) {
      io.local.to(room).emit(
        'events:pushed',
        waiting.map((w) => w.message),
      );
      for (const w of waiting) w.onEmitted?.();
    }
  };

  const schedule = () => {
    if (cancel || closed) return;
    const wait = lastFlush + coalesceMs - performance.now();
    if (wait > 0) {
      const timeout = setTimeout(flush, wait);
      cancel = () => clearTimeout(timeout);
    } else {
      const immediate = setImmediate(flush);
      cancel = () => clearImmediate(immediate);
    }
  };

  return {
    add(message, onEmitted) {
      const room = message.meta.room;
      const waiting = rooms.get(room);
      if (waiting) waiting.push({ message, onEmitted });
      else rooms.set(room, [{ message, onEmitted }]);
      schedule();
    },
    flush,
    close() {
      flush();
      closed = true;
    },
  };
}
