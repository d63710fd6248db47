import type * as L from 'leaflet';
import type { LiveBoard } from '../shared/live-board.js';
import { LiveMap } from './live-layers.js';

/** Keeps a LiveMap in step with the board: snapshots replace, events update one marker. */
export function bindBoardToMap(map: L.Map, board: LiveBoard): LiveMap {
  const live = new LiveMap(map);
  board.onSnapshot(() => {
    live.setDestinations([...board.destinations.values()]);
    live.setUnits([...board.units.values()]);
    live.setCalls([...board.calls.values()]);
  });
  board.onCall((call) => live.upsertCall(call));
  board.onUnit((unit) => live.units.upsert(unit.id, unit));
  board.onDestination((destination) => live.destinations.upsert(destination.id, destination));
  return live;
}
