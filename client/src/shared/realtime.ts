// One socket.io connection per view, same origin, authenticated by the session
// cookie. The header shows its state; views refresh their data on reconnect,
// since events sent while the socket was down are not replayed.
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from './contract.js';

export type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting';

const stateText: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
};

export function connectLive(indicator: HTMLElement, onReconnect: () => void): LiveSocket {
  const socket: LiveSocket = io({ withCredentials: true });
  let everConnected = false;
  const show = (state: ConnectionState) => {
    indicator.dataset.state = state;
    indicator.textContent = stateText[state];
  };
  show('connecting');
  socket.on('connect', () => {
    show('connected');
    if (everConnected) onReconnect();
    everConnected = true;
  });
  socket.on('disconnect', () => show('reconnecting'));
  socket.on('connect_error', (err) => {
    // The session ended: sign in again rather than retrying forever.
    if (err.message === 'unauthenticated') window.location.replace('/');
    else show('reconnecting');
  });
  return socket;
}
