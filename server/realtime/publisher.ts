import type { Server } from 'socket.io';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { DomainEvent, Publish } from './domain-events.js';
import type {
  ClientToServerEvents,
  PushedEvent,
  ServerToClientEvents,
} from '../../shared/event-contract.js';
import { appendEvents, type LoggedEvent } from './event-log-repository.js';
import { deidentifyAssignment, deidentifyCall } from '../privacy/deidentify.js';
import { roundPosition, withRoundedPosition } from '../privacy/round-position.js';
import { DISPATCH_ROOM, LEAD_ROOM, siteRoom, unitRoom } from './rooms.js';

export type AltpathIo = Server<ClientToServerEvents, ServerToClientEvents>;
export type AltpathSocket = Parameters<Parameters<AltpathIo['on']>[1]>[0];

interface Message {
  room: string;
  event: PushedEvent;
  payload: unknown;
  /** When the change behind it was published (performance.now()), for the delivery-lag metric. */
  at?: number;
}

/** The one place domain events become socket messages, and to which rooms (leads get them de-identified). */
export function messagesFor(event: DomainEvent): Message[] {
  const to = (rooms: string[], name: PushedEvent, payload: unknown) =>
    rooms.map((room) => ({ room, event: name, payload }));
  const board = [DISPATCH_ROOM, LEAD_ROOM];
  switch (event.type) {
    case 'call:created':
      return [
        ...to([DISPATCH_ROOM], 'call:created', event.call),
        ...to([LEAD_ROOM], 'call:created', deidentifyCall(event.call)),
      ];
    case 'call:updated': {
      const unitId = event.call.assignment?.unitId;
      return [
        ...to(
          unitId ? [DISPATCH_ROOM, unitRoom(unitId)] : [DISPATCH_ROOM],
          'call:updated',
          event.call,
        ),
        ...to([LEAD_ROOM], 'call:updated', deidentifyCall(event.call)),
      ];
    }
    case 'assignment:offered':
      return to([unitRoom(event.offer.assignment.unitId)], 'assignment:offered', event.offer);
    case 'assignment:updated':
      return [
        ...to(
          [DISPATCH_ROOM, unitRoom(event.assignment.unitId)],
          'assignment:updated',
          event.assignment,
        ),
        ...to([LEAD_ROOM], 'assignment:updated', deidentifyAssignment(event.assignment)),
      ];
    case 'assignment:withdrawn':
      return to([unitRoom(event.withdrawn.unitId)], 'assignment:withdrawn', event.withdrawn);
    // Alerts name patients' situations and carry the crew's words: dispatchers and admins only.
    case 'alert:raised':
    case 'alert:acknowledged':
      return to([DISPATCH_ROOM], event.type, event.alert);
    case 'unit:moved':
      return [
        ...to([DISPATCH_ROOM], 'unit:moved', event.moved),
        ...to([LEAD_ROOM], 'unit:moved', roundPosition(event.moved)),
      ];
    case 'unit:updated':
      return [
        ...to([DISPATCH_ROOM], 'unit:updated', event.unit),
        ...to([LEAD_ROOM], 'unit:updated', withRoundedPosition(event.unit)),
      ];
    case 'destination:updated':
      return [
        ...to(board, 'destination:updated', event.destination),
        ...to([siteRoom(event.destination.id)], 'destination:updated', event.destination),
      ];
    case 'visit:planned':
    case 'visit:updated':
      return [
        ...to([DISPATCH_ROOM], event.type, event.whole),
        ...to([LEAD_ROOM], event.type, event.forLeads),
        ...(event.whole.unit ? to([unitRoom(event.whole.unit.id)], event.type, event.whole) : []),
      ];
    case 'referral:requested':
    case 'referral:updated': {
      // The site hears of its own referrals only; dispatch and the crew of every one.
      const { referral } = event;
      const unit = referral.unit ? [unitRoom(referral.unit.id)] : [];
      return [
        ...to([siteRoom(referral.site.id)], event.type, referral),
        ...to([DISPATCH_ROOM, ...unit], 'referral:updated', referral),
        ...to([LEAD_ROOM], 'referral:updated', event.forLeads),
      ];
    }
  }
}

/**
 * Keeps each message in the event log (for catch-up after a disconnect, from
 * any process) and hands it to this process's feed, which emits it to the local
 * sockets; the other processes read it from the log (see event-feed.ts).
 * Whatever is waiting is kept as one batch, one INSERT: no transaction of its
 * own beyond that statement, no lock, so processes never wait for each other.
 * Batches run one at a time, so this process emits its own events in order.
 */
export function createPublisher(
  db: Database,
  /** The feed that emits them to this process's sockets (event-feed.ts). */
  feed: {
    readonly origin: string;
    deliver(events: LoggedEvent[], onEmitted?: (index: number) => void): void;
  },
  logger: Logger,
  observe: { onEmitted?: (lagMs: number) => void } = {},
) {
  const log = logger.child({ module: 'realtime' });
  let waiting: Array<{ event: DomainEvent; at: number }> = [];
  let running: Promise<void> | undefined;

  const drain = async () => {
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        const messages = batch.flatMap(({ event, at }) =>
          messagesFor(event).map((m) => ({ ...m, at })),
        );
        const kept = await appendEvents(db.query, messages, feed.origin);
        // The lag is measured to the emit itself, a batch's wait for its frame included.
        feed.deliver(kept, (i) => {
          const at = messages[i]?.at;
          if (at !== undefined) observe.onEmitted?.(performance.now() - at);
        });
      } catch (err) {
        // A failed push must never undo or fail the committed change behind it;
        // clients catch up from the REST state when they notice.
        log.error({ err, types: batch.map((e) => e.event.type) }, 'publish failed');
      }
    }
    running = undefined;
  };
  const publish: Publish = (...events) => {
    const at = performance.now();
    for (const event of events) waiting.push({ event, at });
    // Started on the next microtask, so what one synchronous run publishes (a call
    // and the alert it raised) is one batch: one INSERT, one NOTIFY, one read by
    // each other process, one frame per room. Requests answered in other I/O
    // callbacks are batches of their own.
    running ??= Promise.resolve().then(drain);
  };

  return {
    publish,
    /** Resolves when everything published so far has been emitted (shutdown, tests). */
    flushed: async () => {
      while (running) await running;
    },
  };
}
