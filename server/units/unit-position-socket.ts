import { z } from 'zod';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/database.js';
import { ForbiddenError } from '../http/errors.js';
import type { Logger } from '../logging/logger.js';
import type { Publish } from '../realtime/domain-events.js';
import type { UnitMoved } from '../../shared/event-contract.js';
import type { AltpathSocket } from '../realtime/publisher.js';
import { socketHandler } from '../realtime/socket-handler.js';
import { setUnitPosition } from './unit-repository.js';

const UnitPositionSchema = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000).optional(),
});

/** Pushes to dispatchers at most once a second per unit, always ending on the latest position. */
export function positionThrottle(publish: Publish, intervalMs = 1_000) {
  const lastSent = new Map<string, number>();
  const pending = new Map<string, UnitMoved>();
  const timers = new Set<NodeJS.Timeout>();
  const send = (moved: UnitMoved) => {
    lastSent.set(moved.unitId, Date.now());
    pending.delete(moved.unitId);
    publish({ type: 'unit:moved', moved });
  };
  return {
    push(moved: UnitMoved) {
      const wait = (lastSent.get(moved.unitId) ?? 0) + intervalMs - Date.now();
      if (wait <= 0) return send(moved);
      const alreadyScheduled = pending.has(moved.unitId);
      pending.set(moved.unitId, moved);
      if (alreadyScheduled) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        const latest = pending.get(moved.unitId);
        if (latest) send(latest);
      }, wait);
      timers.add(timer);
    },
    stop() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}

/** The units domain's socket events; app.ts hands `register` to the socket server. */
export function unitPositionSockets(deps: { db: Database; logger: Logger; publish: Publish }) {
  const logger = deps.logger.child({ module: 'sockets' });
  const throttle = positionThrottle(deps.publish);
  return {
    register(socket: AltpathSocket): void {
      const actor = socket.data.actor;
      socket.on('unit:position', unitPositionHandler({ db: deps.db, logger, actor, throttle }));
    },
    stop: () => throttle.stop(),
  };
}

/** `unit:position` from a paramedic's device: validated, stored as the unit's latest, pushed. */
export function unitPositionHandler(deps: {
  db: Database;
  logger: Logger;
  actor: Actor;
  throttle: ReturnType<typeof positionThrottle>;
}) {
  return socketHandler(UnitPositionSchema, deps.logger, async (position): Promise<UnitMoved> => {
    const unitId = deps.actor.unitId;
    if (deps.actor.role !== 'paramedic' || !unitId)
      throw new ForbiddenError('Only a paramedic with a unit shares a position');
    const at = await setUnitPosition(deps.db.query, unitId, position);
    const moved = { unitId, lat: position.lat, lng: position.lng, at: at.toISOString() };
    deps.throttle.push(moved);
    return moved;
  });
}
