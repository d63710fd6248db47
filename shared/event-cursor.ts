/**
 * What a client holds of its room's event log, so that each event is applied
 * once however it arrives (pushed live, in a catch-up answer, or both).
 *
 * Event ids are unique but not in commit order, so "the highest id seen" would
 * skip an event whose transaction commits late with a lower id. The cursor
 * keeps a `horizon` instead (a transaction id the server vouches for: every
 * event written below it has reached this client), and the ids it has above
 * the horizon. Catching up from the horizon returns everything from it on; the
 * ids recognise what is already here. No server imports: the browser and the
 * tests use it as is.
 */
export interface LogPosition {
  id: number;
  /** The transaction that wrote the event. */
  tx: number;
}

export interface EventCursor {
  /** null until the first catch-up answered. */
  horizon(): number | null;
  /** True the first time an event is offered (and remembers it), false after. */
  take(event: LogPosition): boolean;
  /** Everything below `horizon` is here: forget the ids below it. Never moves back. */
  advance(horizon: number): void;
  /** Start again (after a failed catch-up: the view reloads its state). */
  reset(): void;
  /** How many ids are held above the horizon (for tests and diagnostics). */
  held(): number;
}

export function eventCursor(): EventCursor {
  let horizon: number | null = null;
  const above = new Map<number, number>(); // id → tx, every tx >= horizon
  return {
    horizon: () => horizon,
    take(event) {
      if (horizon !== null && event.tx < horizon) return false;
      if (above.has(event.id)) return false;
      above.set(event.id, event.tx);
      return true;
    },
    advance(next) {
      if (horizon !== null && next <= horizon) return;
      horizon = next;
      for (const [id, tx] of above) if (tx < next) above.delete(id);
    },
    reset() {
      horizon = null;
      above.clear();
    },
    held: () => above.size,
  };
}
