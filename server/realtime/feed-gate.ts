import type { Server } from 'socket.io';
import type { EventFeed } from './event-feed.js';

/**
 * No socket before this process knows its event horizon (its first read of the event log,
 * retried every second until it succeeds). A socket admitted earlier would take its catch-up
 * from the log, and the feed's first read would then start above the events other processes
 * committed in between: never emitted, missed without a word. Refused, the client is told why
 * (`connect_error` "events_unavailable") and tries again; readiness says not ready meanwhile.
 */
export function refuseSocketsUntilFeedStarted(io: Server, feed: Pick<EventFeed, 'horizon'>) {
  io.use((_socket, next) => {
    if (feed.horizon() !== null) return next();
    const refused = new Error('events_unavailable') as Error & { data?: unknown };
    refused.data = {
      message:
        'This server cannot deliver live updates yet (its event log is not readable): retrying',
    };
    next(refused);
  });
}
