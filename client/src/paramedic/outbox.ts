// Status changes waiting to reach the server. Every change goes through here, online or
// not: it is stored first (localStorage, per user: it survives a reload or a dead battery
// in a lift), then sent in order, each with its own Idempotency-Key, so a change sent
// twice (a retry after a lost answer) happens once. A network failure keeps it for the
// next try (back online, the socket reconnects, or every few seconds); a refusal (the call
// was withdrawn meanwhile, a step the server will not take) drops it and the changes
// queued after it for the same assignment, and says why.
import { api, ApiError, newIdempotencyKey } from '../api.js';
import type { AssignmentView } from '../shared/contract.js';
import type { StatusChange } from './status-actions.js';

export interface QueuedChange {
  key: string;
  assignmentId: string;
  change: StatusChange;
  /** What the paramedic pressed, in words ("On scene"). */
  text: string;
  queuedAt: string;
}

export interface OutboxEvents {
  sent(item: QueuedChange, assignment: AssignmentView): void;
  refused(item: QueuedChange, dropped: QueuedChange[], message: string): void;
  /** The queue changed (added, sent, dropped) or a try failed: redraw what is waiting. */
  changed(): void;
}

export interface Outbox {
  items(): QueuedChange[];
  add(assignmentId: string, change: StatusChange, text: string): QueuedChange;
  /** Sends what waits, in order; resolves when the queue is empty or the network is away. */
  flush(): Promise<void>;
  /** True after a send failed for want of a network, until one gets through. */
  readonly offline: boolean;
}

const RETRY_MS = 5_000;
// Answers that say "not now" rather than "no": try again later.
const TRANSIENT = new Set([408, 429, 502, 503, 504]);

export function createOutbox(userId: string, events: OutboxEvents): Outbox {
  const storageKey = `altpath:outbox:${userId}`;
  let queue = read(storageKey);
  let flushing: Promise<void> | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let offline = false;

  const save = () => {
    localStorage.setItem(storageKey, JSON.stringify(queue));
    events.changed();
  };
  const retryLater = () => {
    clearTimeout(retry);
    retry = setTimeout(() => void outbox.flush(), RETRY_MS);
  };

  const sendAll = async () => {
    while (queue.length > 0) {
      const item = queue[0]!;
      try {
        const { assignment } = await api<{ assignment: AssignmentView }>(
          'POST',
          `/api/assignments/${item.assignmentId}/status`,
          item.change,
          { idempotencyKey: item.key },
        );
        offline = false;
        queue = queue.slice(1);
        save();
        events.sent(item, assignment);
      } catch (err) {
        const refused =
          err instanceof ApiError &&
          err.status < 500 &&
          !TRANSIENT.has(err.status) &&
          err.body?.error.code !== 'idempotency_in_progress';
        if (!refused) {
          // No network (fetch threw), or the server is away: keep it and try again.
          offline = !(err instanceof ApiError);
          events.changed();
          retryLater();
          return;
        }
        const dropped = queue.filter((q) => q !== item && q.assignmentId === item.assignmentId);
        queue = queue.filter((q) => q.assignmentId !== item.assignmentId);
        save();
        events.refused(item, dropped, err.message);
      }
    }
  };

  const outbox: Outbox = {
    items: () => [...queue],
    add(assignmentId, change, text) {
      const item: QueuedChange = {
        key: newIdempotencyKey(),
        assignmentId,
        change,
        text,
        queuedAt: new Date().toISOString(),
      };
      queue = [...queue, item];
      save();
      return item;
    },
    flush() {
      clearTimeout(retry);
      flushing ??= sendAll().finally(() => {
        flushing = null;
      });
      return flushing;
    },
    get offline() {
      return offline;
    },
  };
  return outbox;
}

function read(storageKey: string): QueuedChange[] {
  try {
    const stored = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as unknown;
    return Array.isArray(stored) ? (stored as QueuedChange[]) : [];
  } catch {
    return [];
  }
}
