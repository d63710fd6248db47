// Planned CP home visits as the board shows them. No imports from server/.

export const visitStatuses = ['planned', 'completed', 'cancelled'] as const;
export type VisitStatus = (typeof visitStatuses)[number];

/** A planned home visit on the board (leads: no key, address or exact position). */
export interface VisitView {
  id: string;
  status: VisitStatus;
  plannedFor: string;
  patient: { key: string | null; ref: string; age: number; sex: string };
  location: { lat: number; lng: number; address: string | null };
  unit: { id: string; callSign: string } | null;
  bookedBy: { role: string };
  bookedAt: string;
}
