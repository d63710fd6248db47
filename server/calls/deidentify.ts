import type { CallView } from '../realtime/event-contract.js';

/** ~1 km: enough to see where demand is, not enough to find a door. */
export const roundCoordinate = (value: number) => Math.round(value * 100) / 100;

/** A call without what identifies the patient: no notes, address or key; location rounded. */
export function deidentifyCall(call: CallView): CallView {
  return {
    ...call,
    notes: null,
    patient: { ...call.patient, key: null },
    location: { lat: roundCoordinate(call.location.lat), lng: roundCoordinate(call.location.lng), address: null },
  };
}
