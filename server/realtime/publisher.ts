import type { Server } from 'socket.io';
import type { Logger } from '../logging/logger.js';
import type { DomainEvent, Publish } from './domain-events.js';
import type { ClientToServerEvents, ServerToClientEvents } from './event-contract.js';
import { DISPATCH_ROOM, unitRoom } from './rooms.js';

export type AltpathIo = Server<ClientToServerEvents, ServerToClientEvents>;

/** The one place domain events become socket messages to rooms. */
export function createPublisher(io: AltpathIo, logger: Logger): Publish {
  const log = logger.child({ module: 'realtime' });
  const deliver = (event: DomainEvent) => {
    switch (event.type) {
      case 'call:created':
        io.to(DISPATCH_ROOM).emit('call:created', event.call);
        return;
      case 'call:updated': {
        const unitId = event.call.assignment?.unitId;
        const rooms = unitId ? [DISPATCH_ROOM, unitRoom(unitId)] : [DISPATCH_ROOM];
        io.to(rooms).emit('call:updated', event.call);
        return;
      }
      case 'assignment:offered':
        io.to(unitRoom(event.offer.assignment.unitId)).emit('assignment:offered', event.offer);
        return;
      case 'assignment:updated':
        io.to([DISPATCH_ROOM, unitRoom(event.assignment.unitId)]).emit('assignment:updated', event.assignment);
        return;
      case 'unit:moved':
        io.to(DISPATCH_ROOM).emit('unit:moved', event.moved);
        return;
      case 'unit:updated':
        io.to(DISPATCH_ROOM).emit('unit:updated', event.unit);
        return;
      case 'destination:updated':
        io.to(DISPATCH_ROOM).emit('destination:updated', event.destination);
        return;
    }
  };
  return (...events) => {
    for (const event of events) {
      try {
        deliver(event);
      } catch (err) {
        // A failed push must never undo or fail the committed change behind it.
        log.error({ err, type: event.type }, 'publish failed');
      }
    }
  };
}
