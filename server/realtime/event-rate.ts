/**
 * A token bucket: `burst` events at once, then `perSecond` on average. Per
 * socket, in memory: a socket lives on one process, and sockets per user are capped.
 */
export function tokenBucket(burst: number, perSecond: number, now: () => number = Date.now) {
  let tokens = burst;
  let last = now();
  return {
    /** Takes a token if there is one. */
    take(): boolean {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * perSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
