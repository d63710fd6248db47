import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DomainEvent } from '../realtime/domain-events.js';
import type { UnitMoved } from '../../shared/event-contract.js';
import { positionThrottle } from './unit-position-socket.js';

const START = new Date('2026-11-23T17:00:00.000Z');

const moved = (unitId: string, lat: number, lng = -79.38): UnitMoved => ({
  unitId,
  lat,
  lng,
  at: new Date(Date.now()).toISOString(),
});

describe('positionThrottle', () => {
  let published: DomainEvent[];
  const publish = vi.fn((...events: DomainEvent[]) => {
    published.push(...events);
  });
  const positionsOf = (unitId: string) =>
    published.flatMap((e) =>
      e.type === 'unit:moved' && e.moved.unitId === unitId ? [e.moved.lat] : [],
    );

  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(START);
    published = [];
    publish.mockClear();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('publishes the first position at once, as a unit:moved event', () => {
    const throttle = positionThrottle(publish, 1_000);
    const first = moved('u1', 43.65);

    throttle.push(first);

    expect(publish).toHaveBeenCalledTimes(1);
    expect(publish).toHaveBeenCalledWith({ type: 'unit:moved', moved: first });
    throttle.stop();
  });

  it('publishes at most one more for a burst within the interval, and it is the latest position', () => {
    const throttle = positionThrottle(publish, 1_000);
    throttle.push(moved('u1', 1));
    vi.advanceTimersByTime(100);
    throttle.push(moved('u1', 2));
    vi.advanceTimersByTime(100);
    throttle.push(moved('u1', 3));
    vi.advanceTimersByTime(100);
    throttle.push(moved('u1', 4));

    // Nothing more until the interval since the first send has passed.
    expect(positionsOf('u1')).toEqual([1]);
    vi.advanceTimersByTime(699);
    expect(positionsOf('u1')).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(positionsOf('u1')).toEqual([1, 4]);

    // And nothing else afterwards.
    vi.advanceTimersByTime(10_000);
    expect(positionsOf('u1')).toEqual([1, 4]);
    expect(publish).toHaveBeenCalledTimes(2);
    throttle.stop();
  });

  it('publishes at once again once the interval has passed', () => {
    const throttle = positionThrottle(publish, 1_000);
    throttle.push(moved('u1', 1));
    vi.advanceTimersByTime(1_000);
    throttle.push(moved('u1', 2));
    expect(positionsOf('u1')).toEqual([1, 2]);
    throttle.stop();
  });

  it('counts the interval from the delayed send, not the original one', () => {
    const throttle = positionThrottle(publish, 1_000);
    throttle.push(moved('u1', 1)); // t=0, sent
    vi.advanceTimersByTime(500);
    throttle.push(moved('u1', 2)); // t=500, sent at t=1000
    vi.advanceTimersByTime(500);
    expect(positionsOf('u1')).toEqual([1, 2]);
    vi.advanceTimersByTime(200);
    throttle.push(moved('u1', 3)); // t=1200, within 1000 of t=1000: held until t=2000
    expect(positionsOf('u1')).toEqual([1, 2]);
    vi.advanceTimersByTime(799);
    expect(positionsOf('u1')).toEqual([1, 2]);
    vi.advanceTimersByTime(1);
    expect(positionsOf('u1')).toEqual([1, 2, 3]);
    throttle.stop();
  });

  it('throttles different units independently', () => {
    const throttle = positionThrottle(publish, 1_000);
    throttle.push(moved('u1', 1));
    vi.advanceTimersByTime(100);
    throttle.push(moved('u2', 10));
    throttle.push(moved('u1', 2));
    throttle.push(moved('u2', 11));

    expect(positionsOf('u1')).toEqual([1]);
    expect(positionsOf('u2')).toEqual([10]);

    vi.advanceTimersByTime(900); // t=1000: u1's interval is over, u2's is not
    expect(positionsOf('u1')).toEqual([1, 2]);
    expect(positionsOf('u2')).toEqual([10]);

    vi.advanceTimersByTime(100); // t=1100
    expect(positionsOf('u2')).toEqual([10, 11]);
    expect(publish).toHaveBeenCalledTimes(4);
    throttle.stop();
  });

  it('honours a custom interval', () => {
    const throttle = positionThrottle(publish, 5_000);
    throttle.push(moved('u1', 1));
    vi.advanceTimersByTime(1_000);
    throttle.push(moved('u1', 2));
    vi.advanceTimersByTime(3_999);
    expect(positionsOf('u1')).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(positionsOf('u1')).toEqual([1, 2]);
    throttle.stop();
  });

  it('defaults to one second', () => {
    const throttle = positionThrottle(publish);
    throttle.push(moved('u1', 1));
    throttle.push(moved('u1', 2));
    vi.advanceTimersByTime(999);
    expect(positionsOf('u1')).toEqual([1]);
    vi.advanceTimersByTime(1);
    expect(positionsOf('u1')).toEqual([1, 2]);
    throttle.stop();
  });

  it('stop() cancels pending timers', () => {
    const throttle = positionThrottle(publish, 1_000);
    throttle.push(moved('u1', 1));
    throttle.push(moved('u1', 2));
    throttle.push(moved('u2', 10));
    throttle.push(moved('u2', 11));
    expect(vi.getTimerCount()).toBe(2);

    throttle.stop();

    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(positionsOf('u1')).toEqual([1]);
    expect(positionsOf('u2')).toEqual([10]);
  });

  it('leaves no timer behind once a held position has been sent', () => {
    const throttle = positionThrottle(publish, 1_000);
    throttle.push(moved('u1', 1));
    throttle.push(moved('u1', 2));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(1_000);
    expect(vi.getTimerCount()).toBe(0);
    throttle.stop();
  });
});
