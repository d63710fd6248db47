// One socket.io connection per view, same origin, authenticated by the session
// cookie. Every pushed event carries its number in the room; this module hands
// views each event once and in order, and after a disconnect (or a gap) asks the
// server for what was missed (`events:since`), which works on any server
// process. When too much was missed, the view reloads its state instead.
import { io, type Socket } from 'socket.io-client';
import type {
  CatchUp,
  ClientToServerEvents,
  EventMeta,
  PushedEvent,
  ServerToClientEvents,
} from './contract.js';
import { runInBackground } from './background.js';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

type Payload<E extends PushedEvent> = Parameters<ServerToClientEvents[E]>[0];
type Handler<E extends PushedEvent> = (payload: Payload<E>) => void;

export interface LiveConnection {
  /** For client → server events (acknowledged). */
  socket: LiveSocket;
  /** Each pushed event once, in the room's order. */
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
  let lastSeq: number | null = null;
  let catchingUp = false;
  const held = new Map<number, { event: string; payload: unknown }>();

  const show = (state: ConnectionState) => {
    indicator.dataset.state = state;
    indicator.textContent = stateText[state];
  };
  const dispatch = (event: string, payload: unknown) => {
    for (const handler of handlers.get(event) ?? []) handler(payload);
  };
  /** Delivers held events that are now next in line. */
  const drain = () => {
    while (lastSeq !== null && held.has(lastSeq + 1)) {
      const next = held.get(lastSeq + 1)!;
      held.delete(lastSeq + 1);
      lastSeq += 1;
      dispatch(next.event, next.payload);
    }
  };

  const catchUp = async () => {
    if (catchingUp) return;
    catchingUp = true;
    try {
      const answer = await socket
        .timeout(10_000)
        .emitWithAck('events:since', { afterSeq: lastSeq });
      if (!answer.ok) throw new Error(answer.error.message);
      apply(answer.data);
    } catch {
      // No answer: reload the state rather than show a stale board, and try
      // again to pick up the numbering.
      lastSeq = null;
      held.clear();
      onResync();
      setTimeout(() => socket.connected && runInBackground(catchUp()), 2_000);
    } finally {
      catchingUp = false;
    }
  };
  const apply = (answer: CatchUp) => {
    if (lastSeq === null) {
      // First connection: the view has just loaded its state; anything pushed
      // meanwhile is applied on top (views apply events idempotently).
      const early = [...held.entries()].sort(([a], [b]) => a - b);
      held.clear();
      lastSeq = Math.max(answer.latestSeq, early.at(-1)?.[0] ?? 0);
      for (const [, e] of early) dispatch(e.event, e.payload);
      return;
    }
    if (answer.resync) {
      // Too much missed: reload the state and count from now.
      lastSeq = answer.latestSeq;
      for (const seq of [...held.keys()]) if (seq <= answer.latestSeq) held.delete(seq);
      onResync();
    } else {
      for (const missed of answer.events) {
        if (missed.seq <= lastSeq) continue;
        held.set(missed.seq, { event: missed.event, payload: missed.payload });
      }
    }
    drain();
  };

  socket.onAny((event: string, payload: unknown, meta?: EventMeta) => {
    if (!meta || typeof meta.seq !== 'number') return; // not a numbered push
    if (lastSeq !== null && meta.seq <= lastSeq) return; // already seen
    held.set(meta.seq, { event, payload });
    if (lastSeq === null || catchingUp) return; // delivered once the catch-up answers
    if (meta.seq > lastSeq + 1) runInBackground(catchUp());
    else drain();
  });

  show('connecting');
  socket.on('connect', () => {
    show('connected');
    runInBackground(catchUp());
  });
  socket.on('disconnect', (reason) => {
    show('reconnecting');
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
