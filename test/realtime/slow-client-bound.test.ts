import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { boundConnection, exceedsWriteBuffer } from '../../server/realtime/slow-client-bound.js';

/** Queues packets as engine.io does: packetCreate, then push; flushes only when "writable". */
class FakeConnection extends EventEmitter {
  writeBuffer: string[] = [];
  readyState = 'open';
  discarded: boolean | undefined;
  send(packet: string) {
    if (this.readyState !== 'open') return;
    this.emit('packetCreate', packet);
    this.writeBuffer.push(packet);
  }
  flush() {
    this.writeBuffer = [];
  }
  close(discard?: boolean) {
    this.discarded = discard;
    this.readyState = 'closed';
    this.writeBuffer = [];
  }
}

const tick = () => new Promise((resolve) => process.nextTick(resolve));

describe('slow client bound', () => {
  it('counts the packet being queued', () => {
    expect(exceedsWriteBuffer({ writeBuffer: [1, 2] }, 3)).toBe(false);
    expect(exceedsWriteBuffer({ writeBuffer: [1, 2, 3] }, 3)).toBe(true);
  });

  it('leaves a client that keeps up alone, however many packets it gets', async () => {
    const conn = new FakeConnection();
    const exceeded: number[] = [];
    boundConnection(conn, 5, (n) => exceeded.push(n));
    for (let i = 0; i < 100; i++) {
      conn.send(`event ${i}`);
      if (i % 4 === 3) conn.flush();
    }
    await tick();
    expect(exceeded).toEqual([]);
    expect(conn.readyState).toBe('open');
  });

  it('closes a client past the bound once, discarding its backlog', async () => {
    const conn = new FakeConnection();
    const exceeded: number[] = [];
    boundConnection(conn, 5, (n) => exceeded.push(n));
    for (let i = 0; i < 8; i++) conn.send(`event ${i}`);
    expect(exceeded).toEqual([5]);
    await tick();
    expect(conn.readyState).toBe('closed');
    expect(conn.discarded).toBe(true);
    expect(conn.writeBuffer).toEqual([]);
  });
});
