import type { Database } from '../db/database.js';
import type { Publish } from '../realtime/domain-events.js';

/**
 * What the referral service and the hooks dispatch calls are built from
 * (server/wiring/services.ts); each function takes a Pick of it.
 */
export interface ReferralDeps {
  db: Database;
  publish: Publish;
  roadSpeedKmh: number;
  timeZone: string;
  now: () => Date;
}
