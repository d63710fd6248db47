// Positions leads may see: rounded to 2 decimals, about 1 km. Enough to see
// where demand and units are, not enough to find a door (a unit on scene is
// where the patient is). No imports: calls, units and realtime all use it.

export const roundCoordinate = (value: number) => Math.round(value * 100) / 100;

export function roundPosition<T extends { lat: number; lng: number }>(position: T): T {
  return { ...position, lat: roundCoordinate(position.lat), lng: roundCoordinate(position.lng) };
}

/** A unit with its last position rounded (its home base is a station, not a patient). */
export function withRoundedPosition<T extends { position: { lat: number; lng: number } | null }>(
  unit: T,
): T {
  return { ...unit, position: unit.position && roundPosition(unit.position) };
}
