// The arrival time staff type (HH:MM, their clock) as the instant the server stores.

/** HH:MM now, for the arrival time's default. */
export const clockNow = (now = new Date()) => {
  return `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
};

/** Today's HH:MM as an instant; a time later than now was yesterday's (a handover past midnight). */
export function arrivalInstant(clock: string, now = new Date()): string | null {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!match) return null;
  const at = new Date(now);
  at.setHours(Number(match[1]), Number(match[2]), 0, 0);
  if (at.getTime() > now.getTime() + 60_000) at.setDate(at.getDate() - 1);
  return at.toISOString();
}
