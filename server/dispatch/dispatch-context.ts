import type { Database } from '../db/database.js';
import type { Publish } from '../realtime/domain-events.js';
import type { TriageEngine } from '../triage/engine.js';

/** What the dispatch commands need; each takes only this, never the HTTP request. */
export interface DispatchContext {
  db: Database;
  triage: TriageEngine;
  publish: Publish;
  timeZone: string;
  roadSpeedKmh: number;
  now: () => Date;
}
