// A socket.io packet parser for the load generator's dashboards (socket.io-client's
// `parser` option). Hundreds of dashboards each receive every call:created, so the
// generator would spend its time in JSON.parse; this parser hands an EVENT's
// listeners the event's raw JSON text instead (`(raw: string) => void`), and only
// parses the small control packets (CONNECT, CONNECT_ERROR, ACK). Text packets on
// the main namespace only: enough for a benchmark client, not a general parser.

type Listener = (packet: unknown) => void;

const EVENT = 2;

export class Encoder {
  encode(packet: { type: number; nsp: string; id?: number; data?: unknown }): string[] {
    const nsp = packet.nsp && packet.nsp !== '/' ? `${packet.nsp},` : '';
    const id = packet.id ?? '';
    const data = packet.data === undefined ? '' : JSON.stringify(packet.data);
    return [`${packet.type}${nsp}${id}${data}`];
  }
}

export class Decoder {
  private listeners: Listener[] = [];

  on(event: string, listener: Listener) {
    if (event === 'decoded') this.listeners.push(listener);
    return this;
  }

  off(event: string, listener?: Listener) {
    if (event === 'decoded')
      this.listeners = listener ? this.listeners.filter((l) => l !== listener) : [];
    return this;
  }

  add(chunk: unknown) {
    if (typeof chunk !== 'string') throw new Error('binary packets are not supported');
    const type = chunk.charCodeAt(0) - 48;
    let i = 1;
    while (i < chunk.length && chunk.charCodeAt(i) >= 48 && chunk.charCodeAt(i) <= 57) i++;
    const id = i > 1 ? Number(chunk.slice(1, i)) : undefined;
    const rest = chunk.slice(i);
    let data: unknown;
    if (type === EVENT) {
      // ["name",payload...]: the name without parsing, the rest as text.
      const end = rest.indexOf('"', 2);
      data = [rest.slice(2, end), rest.slice(end + 2, -1)];
    } else if (rest) {
      data = JSON.parse(rest);
    }
    const packet = { type, nsp: '/', id, data };
    for (const listener of this.listeners) listener(packet);
  }

  destroy() {
    this.listeners = [];
  }
}

export const rawParser = { Encoder, Decoder };
