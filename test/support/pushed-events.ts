import type { Socket } from 'socket.io-client';
import type { PushedMessage } from '../../shared/event-contract.js';

type Listener = (...args: unknown[]) => void;

/**
 * The server pushes a room's events in batches (`events:pushed`, one frame for
 * several events); the browser's realtime.ts hands each to the views by its
 * own name. A bare test client gets the same here: every event of a batch is
 * passed, in order, to the socket's listeners for that event name
 * (`socket.on('call:created', (payload, meta) => …)`) and to its `onAny`
 * listeners, exactly as if it had come alone. `onAny` listeners also see the
 * `events:pushed` batch itself.
 */
export function hearPushedEvents<S extends Socket>(socket: S): S {
  socket.on('events:pushed', (batch: PushedMessage[]) => {
    for (const { event, payload, meta } of batch) {
      // Copies, called on the socket: a once() listener removes itself through `this`.
      for (const listener of [...socket.listenersAny()] as Listener[])
        listener.call(socket, event, payload, meta);
      for (const listener of [...socket.listeners(event)] as Listener[])
        listener.call(socket, payload, meta);
    }
  });
  return socket;
}
