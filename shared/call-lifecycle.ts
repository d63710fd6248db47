// Where a call is in its life and how it ends, as values: the server stores and
// filters with them, the database's CHECK constraint holds the same statuses (a test
// compares them), and the browser client draws its filters and labels from them.
// No imports: the browser bundles it. (An assignment's own lifecycle is assignments.ts.)

export const callStatuses = [
  'pending',
  'offered',
  'active',
  'completed',
  'cancelled',
  'handed_off',
] as const;
/** Where a call is in its life; the dispatcher's queue filters on it. `handed_off`: ambulance dispatch has it. */
export type CallStatus = (typeof callStatuses)[number];

/**
 * Still on the board: nobody has finished it, cancelled it or handed it on. The
 * dispatcher may still cancel it, and a new call of the same patient may repeat it.
 */
export const openCallStatuses = [
  'pending',
  'offered',
  'active',
] as const satisfies readonly CallStatus[];

export const isOpenCall = (status: CallStatus): boolean =>
  (openCallStatuses as readonly CallStatus[]).includes(status);

/** Why a call ended without a visit. */
export const cancelReasons = [
  'caller_cancelled',
  'duplicate',
  'no_patient_found',
  'handled_by_phone',
  'other',
] as const;
export type CancelReason = (typeof cancelReasons)[number];

/** What the crew recorded when the visit ended. */
export const outcomes = [
  'treated_in_place',
  'referred',
  'transported_crisis_centre',
  'transported_cp_clinic',
  'transported_ed',
  'refused_care',
] as const;
export type Outcome = (typeof outcomes)[number];
