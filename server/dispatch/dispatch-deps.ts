import type { Knex } from 'knex';
import type { Database } from '../db/database.js';
import type { Publish } from '../realtime/domain-events.js';
import type { TriageEngine } from '../triage/engine.js';

/**
 * What the dispatch service is built from (server/wiring/services.ts). Each command
 * takes a Pick of it, only what it uses, and never the HTTP request.
 */
export interface DispatchDeps {
  db: Database;
  triage: TriageEngine;
  publish: Publish;
  timeZone: string;
  roadSpeedKmh: number;
  now: () => Date;
  /**
   * The receiving site's side of a dispatch (server/referrals), handed in by the app
   * so that dispatch commands need not import it: a referral requested (or the open
   * one cancelled) inside the command's transaction, announced after commit.
   */
  referrals: ReferralHooks;
}

export interface ReferralRequest {
  callId: string;
  /** The site the patient now goes to; null when none (the call ended). */
  site: { id: string; type: string } | null;
  by: { id: string; role: string } | null;
  ip: string | null;
  /** Why an open referral to another site ends (told to that site). */
  cancelNote?: string;
}

export interface ReferralChanges {
  requested: string | null;
  cancelled: string | null;
}

export interface ReferralHooks {
  request(trx: Knex.Transaction, request: ReferralRequest): Promise<ReferralChanges>;
  announce(changes: ReferralChanges): Promise<void>;
  /** The crew moved along (en route, on scene, transporting): the site's ETA changes. */
  crewMoved(callId: string): Promise<void>;
}
