// What a dispatch-room view knows: calls on the board, units and destinations,
// kept current from the REST snapshot and then from socket events.
import { api } from '../api.js';
import type { AssignmentView, CallView, Destination, Unit, UnitMoved } from './contract.js';
import { assignmentProgress, type AssignmentStatus } from '../../../shared/assignments.js';
import type { LiveConnection } from './realtime.js';

type Listener<T> = (item: T) => void;

export class LiveBoard {
  readonly calls = new Map<string, CallView>();
  readonly units = new Map<string, Unit>();
  readonly destinations = new Map<string, Destination>();
  private readonly listeners = {
    call: [] as Array<Listener<CallView>>,
    unit: [] as Array<Listener<Unit>>,
    destination: [] as Array<Listener<Destination>>,
    snapshot: [] as Array<Listener<LiveBoard>>,
  };

  onCall(listener: Listener<CallView>): void {
    this.listeners.call.push(listener);
  }
  onUnit(listener: Listener<Unit>): void {
    this.listeners.unit.push(listener);
  }
  onDestination(listener: Listener<Destination>): void {
    this.listeners.destination.push(listener);
  }
  onSnapshot(listener: Listener<LiveBoard>): void {
    this.listeners.snapshot.push(listener);
  }

  /**
   * Loads everything afresh (at start and after a reconnect). Each list loads on
   * its own, so a failing one does not blank the others; the first failure is thrown
   * after the rest are shown. Calls are optional: not every role may list them.
   */
  async load(options: { calls: boolean }): Promise<void> {
    const [units, destinations, calls] = await Promise.allSettled([
      api<Unit[]>('GET', '/api/units'),
      api<Destination[]>('GET', '/api/destinations'),
      options.calls
        ? api<CallView[]>('GET', '/api/calls?status=pending,offered,active')
        : Promise.resolve([]),
    ]);
    if (units.status === 'fulfilled') replace(this.units, units.value);
    if (destinations.status === 'fulfilled') replace(this.destinations, destinations.value);
    if (calls.status === 'fulfilled') replace(this.calls, calls.value);
    this.listeners.snapshot.forEach((listener) => listener(this));
    const failed = [units, destinations, calls].find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  }

  listen(live: LiveConnection): void {
    live.on('call:created', (call) => this.upsertCall(call));
    live.on('call:updated', (call) => this.upsertCall(call));
    live.on('assignment:updated', (assignment) => this.updateAssignment(assignment));
    live.on('unit:updated', (unit) => this.upsertUnit(unit));
    live.on('unit:moved', (moved) => this.moveUnit(moved));
    live.on('destination:updated', (destination) => this.upsertDestination(destination));
  }

  upsertCall(call: CallView): void {
    const known = this.calls.get(call.id);
    // An older snapshot must not undo a newer assignment step pushed meanwhile.
    if (
      known?.assignment &&
      call.assignment &&
      known.assignment.id === call.assignment.id &&
      isAfter(known.assignment, call.assignment)
    ) {
      call = { ...call, assignment: known.assignment };
    }
    this.calls.set(call.id, call);
    this.listeners.call.forEach((listener) => listener(call));
  }

  updateAssignment(assignment: AssignmentView): void {
    const call = this.calls.get(assignment.callId);
    if (!call) return;
    if (
      call.assignment &&
      call.assignment.id !== assignment.id &&
      !isLater(assignment.offeredAt, call.assignment.offeredAt)
    )
      return;
    this.upsertCall({ ...call, assignment });
  }

  upsertUnit(unit: Unit): void {
    this.units.set(unit.id, unit);
    this.listeners.unit.forEach((listener) => listener(unit));
  }

  moveUnit(moved: UnitMoved): void {
    const unit = this.units.get(moved.unitId);
    if (unit)
      this.upsertUnit({ ...unit, position: { lat: moved.lat, lng: moved.lng, at: moved.at } });
  }

  upsertDestination(destination: Destination): void {
    this.destinations.set(destination.id, destination);
    this.listeners.destination.forEach((listener) => listener(destination));
  }
}

function replace<T extends { id: string }>(map: Map<string, T>, items: T[]): void {
  map.clear();
  for (const item of items) map.set(item.id, item);
}

const steps: readonly AssignmentStatus[] = assignmentProgress;
function isAfter(a: AssignmentView, b: AssignmentView): boolean {
  const ia = steps.indexOf(a.status);
  const ib = steps.indexOf(b.status);
  return ia >= 0 && ib >= 0 && ia > ib;
}
const isLater = (a: string, b: string) => new Date(a).getTime() >= new Date(b).getTime();
