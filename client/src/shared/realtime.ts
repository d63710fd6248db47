// One socket.io connection per view, same origin, authenticated by the session
// cookie. Every pushed event carries its place in the event log; this module
// hands views each event once, and after a disconnect asks the server for what
// was missed (`events:since`), which works on any server process. When too much
// was missed, the view reloads its state instead.
import { io, type Socket } from 'socket.io-client';
import type {
  CatchUp,
  ClientToServerEvents,
  EventMeta,
  PushedEvent,
  PushedPayloads,
  ServerToClientEvents,
} from './contract.js';
import { runInBackground } from './background.js';
import { eventCursor } from '../../../shared/event-cursor.js';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

type Handler<E extends PushedEvent> = (payload: PushedPayloads[E]) => void;

export interface LiveConnection {
  /** For client → server events (acknowledged). */
  socket: LiveSocket;
  /** Each pushed event once (each server process's own in the order they were written). */
  on<E extends PushedEvent>(event: E, handler: Handler<E>): void;
}

const stateText: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
};

export function connectLive(indicator: HTMLElement, onResync: () => void): LiveConnection {
  const socket: LiveSocket = io({ withCredentials: true });
  const handlers = new Map<string, Array<(payload: unknown) => void>>();
  const cursor = eventCursor();
  /** This connection has had its catch-up answer (each reconnection asks again). */
  let caughtUp = false;
  let catchingUp = false;
  /** Pushed while not caught up: applied once the answer is. */
  let held: Array<{ event: string; payload: unknown; meta: EventMeta }> = [];

  const show = (state: ConnectionState) => {
    indicator.dataset.state = state;
    indicator.textContent = stateText[state];
  };
  const dispatch = (event: string, payload: unknown) => {
    for (const handler of handlers.get(event) ?? []) handler(payload);
  };
  const receive = (event: string, payload: unknown, meta: EventMeta) => {
    if (cursor.take(meta)) dispatch(event, payload);
    cursor.advance(meta.horizon);
  };

  const catchUp = async () => {
    if (catchingUp) return;
    catchingUp = true;
    try {
      const answer = await socket
        .timeout(10_000)
        .emitWithAck('events:since', { after: cursor.horizon() });
      if (!answer.ok) throw new Error(answer.error.message);
      apply(answer.data);
      caughtUp = true;
    } catch {
      // No answer: reload the state rather than show a stale board, and try
      // again to pick up the numbering.
      cursor.reset();
      held = [];
      onResync();
      setTimeout(() => socket.connected && runInBackground(catchUp()), 2_000);
    } finally {
      catchingUp = false;
    }
  };
  const apply = (answer: CatchUp) => {
    const early = held;
    held = [];
    if (cursor.horizon() === null) {
      // First connection: the view has just loaded its state, which may show the
      // events above the horizon already; anything pushed meanwhile is applied
      // on top (views apply events idempotently).
      for (const e of answer.events) cursor.take(e);
      cursor.advance(answer.horizon);
      const applied = new Set<number>();
      for (const e of early) {
        if (!applied.has(e.meta.id)) dispatch(e.event, e.payload);
        applied.add(e.meta.id);
        cursor.take(e.meta);
        cursor.advance(e.meta.horizon);
      }
      return;
    }
    if (answer.resync) {
      // Too much missed: reload the state and count from now.
      cursor.reset();
      for (const e of answer.events) cursor.take(e);
      cursor.advance(answer.horizon);
      onResync();
    } else {
      for (const e of answer.events) if (cursor.take(e)) dispatch(e.event, e.payload);
      cursor.advance(answer.horizon);
    }
    for (const e of early) receive(e.event, e.payload, e.meta);
  };

  // A batch is the room's events in order: each applied as if it had come alone.
  socket.on('events:pushed', (batch) => {
    for (const { event, payload, meta } of batch) {
      if (!caughtUp || catchingUp) held.push({ event, payload, meta });
      else receive(event, payload, meta);
    }
  });

  show('connecting');
  socket.on('connect', () => {
    show('connected');
    runInBackground(catchUp());
  });
  socket.on('disconnect', (reason) => {
    show('reconnecting');
    caughtUp = false; // the next connection asks for what it missed first
    // The server asked us to go (it is shutting down): reconnect, possibly to
    // another process, after a short random pause so clients do not stampede.
    if (reason === 'io server disconnect')
      setTimeout(() => socket.connect(), 300 + Math.random() * 1_200);
  });
  socket.on('connect_error', (err) => {
    // The session ended: sign in again rather than retrying forever.
    if (err.message === 'unauthenticated') return window.location.replace('/');
    show('reconnecting');
    // Refused by the server (its database is away): socket.io does not retry that by itself.
    if (!socket.active) setTimeout(() => socket.connect(), 2_000 + Math.random() * 2_000);
  });

  return {
    socket,
    on(event, handler) {
      const list = handlers.get(event) ?? [];
      list.push(handler as (payload: unknown) => void);
      handlers.set(event, list);
    },
  };
}
