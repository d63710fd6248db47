import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushedMessage } from '../../shared/event-contract.js';
import type { AltpathIo } from './publisher.js';
import { createPushOutbox } from './push-outbox.js';

/** What the outbox broadcast: one entry per room broadcast, with the ids it carried. */
function recordingIo() {
  const frames: Array<{ room: string; name: string; ids: number[] }> = [];
  const io = {
    local: {
      to: (room: string) => ({
        emit: (name: string, batch: PushedMessage[]) => {
          frames.push({ room, name, ids: batch.map((m) => m.meta.id) });
          return true;
        },
      }),
    },
  } as unknown as AltpathIo;
  return { io, frames };
}

let nextId = 1;
const message = (room: string): PushedMessage => ({
  event: 'unit:moved',
  payload: { unitId: 'u', lat: 1, lng: 2, at: '2026-12-02T00:00:00Z' },
  meta: { room, id: nextId++, tx: 10, horizon: 5 },
});

describe('push outbox', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    nextId = 1;
  });
  afterEach(() => vi.useRealTimers());

  it('sends what arrives in one turn as one frame per room, in order, on the next turn', () => {
    const { io, frames } = recordingIo();
    const outbox = createPushOutbox(io, 25);
    for (const room of ['dispatch', 'unit:a', 'dispatch', 'dispatch', 'unit:a'])
      outbox.add(message(room));
    expect(frames).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(frames).toEqual([
      { room: 'dispatch', name: 'events:pushed', ids: [1, 3, 4] },
      { room: 'unit:a', name: 'events:pushed', ids: [2, 5] },
    ]);
  });

  it('holds a busy room for coalesceMs after its last frame, then sends everything gathered', () => {
    const { io, frames } = recordingIo();
    const emitted: number[] = [];
    const outbox = createPushOutbox(io, 25);
    outbox.add(message('dispatch'), () => emitted.push(1));
    vi.advanceTimersToNextTimer(); // quiet until now: the next turn
    expect(frames.map((f) => f.ids)).toEqual([[1]]);
    vi.advanceTimersByTime(5);
    outbox.add(message('dispatch'), () => emitted.push(2));
    vi.advanceTimersByTime(10);
    outbox.add(message('dispatch'), () => emitted.push(3));
    vi.advanceTimersByTime(9); // 24 ms after the first frame
    expect(frames).toHaveLength(1);
    expect(emitted).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(frames.map((f) => f.ids)).toEqual([[1], [2, 3]]);
    expect(emitted).toEqual([1, 2, 3]);
  });

  it('sends at once on flush, and nothing twice', () => {
    const { io, frames } = recordingIo();
    const outbox = createPushOutbox(io, 1_000);
    outbox.add(message('dispatch'));
    outbox.flush();
    expect(frames.map((f) => f.ids)).toEqual([[1]]);
    outbox.add(message('dispatch'));
    outbox.close();
    vi.runAllTimers();
    expect(frames.map((f) => f.ids)).toEqual([[1], [2]]);
  });

  it('without coalescing, still one frame per room per turn', () => {
    const { io, frames } = recordingIo();
    const outbox = createPushOutbox(io, 0);
    outbox.add(message('dispatch'));
    outbox.add(message('dispatch'));
    vi.advanceTimersToNextTimer();
    outbox.add(message('dispatch'));
    vi.advanceTimersToNextTimer();
    expect(frames.map((f) => f.ids)).toEqual([[1, 2], [3]]);
  });
});
