import type { Server } from 'socket.io';
import type { Database } from '../db/database.js';
import type { Logger } from '../logging/logger.js';
import type { DomainEvent, Publish } from './domain-events.js';
import type {
  ClientToServerEvents,
  PushedEvent,
  ServerToClientEvents,
} from '../../shared/event-contract.js';
import { appendRoomEvents } from './event-log-repository.js';
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
 * Numbers each message in its room, keeps it in the database (for catch-up
 * after a disconnect, from any process), then emits it with its number.
 * Whatever is waiting is published as one batch: one transaction, one
 * sequence reservation per room, so throughput grows with the backlog instead
 * of paying a transaction per event. Batches run one at a time, so this
 * process emits each room's numbers in order.
 */
export function createPublisher(
  io: AltpathIo,
  db: Database,
  logger: Logger,
  observe: { onEmitted?: (lagMs: number) => void } = {},
) {
  const log = logger.child({ module: 'realtime' });
  let waiting: Array<{ event: DomainEvent; at: number }> = [];
  let running: Promise<void> | undefined;

  const store = (messages: Message[]) =>
    db.transaction(async (trx) => {
      const rooms = [...new Set(messages.map((m) => m.room))];
      const numbered: Array<Message & { seq: number }> = [];
      for (const room of rooms) {
        const inRoom = messages.filter((m) => m.room === room);
        const seqs = await appendRoomEvents(trx, room, inRoom);
        inRoom.forEach((m, i) => numbered.push({ ...m, seq: seqs[i] as number }));
      }
      return numbered.sort((a, b) => a.seq - b.seq);
    });

  const drain = async () => {
    while (waiting.length) {
      const batch = waiting;
      waiting = [];
      try {
        const messages = batch.flatMap(({ event, at }) =>
          messagesFor(event).map((m) => ({ ...m, at })),
        );
        for (const m of await store(messages)) {
          // The payload's type was fixed by messagesFor(); emit() cannot see that through the union.
          (io.to(m.room).emit as (event: string, ...args: unknown[]) => boolean)(
            m.event,
            m.payload,
            {
              room: m.room,
              seq: m.seq,
            },
          );
          if (m.at !== undefined) observe.onEmitted?.(performance.now() - m.at);
        }
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
    running ??= drain();
  };

  return {
    publish,
    /** Resolves when everything published so far has been emitted (shutdown, tests). */
    flushed: async () => {
      while (running) await running;
    },
  };
}
