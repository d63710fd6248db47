// The live map's three layers: destinations, units and calls. Each keeps its
// markers by id so socket events update one marker in place.
import * as L from 'leaflet';
import { isOpenCall } from '../../../shared/call-lifecycle.js';
import type { CallView, Destination, Unit, UnitMoved } from '../shared/contract.js';
import {
  callIcon,
  callPopup,
  destinationIcon,
  destinationPopup,
  unitIcon,
  unitPopup,
} from './markers.js';

// Leaflet stacks markers by their pixel row plus this offset: offsets far larger than any map's
// height keep every call pin above every unit badge, and both above the sites. Calls on top: a
// call is what the dispatcher acts on, and a pin is small.
const UNIT_Z = 100_000;
const CALL_Z = 200_000;

class MarkerLayer<T> {
  private readonly markers = new Map<string, { marker: L.Marker; item: T }>();
  readonly group = L.layerGroup();

  constructor(
    private readonly where: (item: T) => L.LatLngExpression | null,
    private readonly icon: (item: T) => L.DivIcon,
    private readonly popup: (item: T) => HTMLElement,
    private readonly zIndex: number,
  ) {}

  get(id: string): T | undefined {
    return this.markers.get(id)?.item;
  }

  upsert(id: string, item: T): void {
    const at = this.where(item);
    const existing = this.markers.get(id);
    if (!at) return this.remove(id);
    if (existing) {
      existing.item = item;
      existing.marker.setLatLng(at).setIcon(this.icon(item));
      if (existing.marker.isPopupOpen()) existing.marker.setPopupContent(this.popup(item));
      return;
    }
    const entry = {
      item,
      marker: L.marker(at, { icon: this.icon(item), zIndexOffset: this.zIndex, keyboard: true }),
    };
    entry.marker.bindPopup(() => this.popup(entry.item));
    entry.marker.addTo(this.group);
    this.markers.set(id, entry);
  }

  remove(id: string): void {
    const existing = this.markers.get(id);
    if (!existing) return;
    existing.marker.remove();
    this.markers.delete(id);
  }

  replaceAll(items: T[], idOf: (item: T) => string): void {
    const keep = new Set(items.map(idOf));
    for (const id of [...this.markers.keys()]) if (!keep.has(id)) this.remove(id);
    for (const item of items) this.upsert(idOf(item), item);
  }
}

export class LiveMap {
  readonly destinations = new MarkerLayer<Destination>(
    (d) => [d.location.lat, d.location.lng],
    destinationIcon,
    destinationPopup,
    0,
  );
  readonly units = new MarkerLayer<Unit>(
    (u) => (u.position ? [u.position.lat, u.position.lng] : [u.homeBase.lat, u.homeBase.lng]),
    unitIcon,
    unitPopup,
    UNIT_Z,
  );
  readonly calls = new MarkerLayer<CallView>(
    (c) => [c.location.lat, c.location.lng],
    callIcon,
    callPopup,
    CALL_Z,
  );

  constructor(readonly map: L.Map) {
    this.destinations.group.addTo(map);
    this.units.group.addTo(map);
    this.calls.group.addTo(map);
    L.control
      .layers(undefined, {
        Destinations: this.destinations.group,
        Calls: this.calls.group,
        Units: this.units.group,
      })
      .addTo(map);
  }

  setDestinations(list: Destination[]): void {
    this.destinations.replaceAll(list, (d) => d.id);
  }

  setUnits(list: Unit[]): void {
    this.units.replaceAll(list, (u) => u.id);
  }

  /** Shows only calls still on the board; finished ones leave the map. */
  setCalls(list: CallView[]): void {
    this.calls.replaceAll(list.filter(onBoard), (c) => c.id);
  }

  upsertCall(call: CallView): void {
    if (onBoard(call)) this.calls.upsert(call.id, call);
    else this.calls.remove(call.id);
  }

  moveUnit(moved: UnitMoved): void {
    const unit = this.units.get(moved.unitId);
    if (!unit) return;
    this.units.upsert(unit.id, {
      ...unit,
      position: { lat: moved.lat, lng: moved.lng, at: moved.at },
    });
  }
}

export const onBoard = (call: CallView) => isOpenCall(call.status);
