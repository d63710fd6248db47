import type { Knex } from 'knex';
import * as foundation from './20261123_0200_foundation.js';
import * as stats from './20261123_0300_stats.js';
import * as replayJobs from './20261123_0400_replay_jobs.js';
import * as realtimeEvents from './20261123_0500_realtime_events.js';
import * as realtimeEventLog from './20261202_0250_realtime_event_log.js';
import * as authApiTokens from './20261202_0339_auth_api_tokens.js';
import * as idempotencyKeys from './20261123_0600_idempotency_keys.js';
import * as decisionChecks from './20261124_0900_decision_checks.js';
import * as throttling from './20261124_1000_throttling.js';
import * as jobs from './20261124_1100_jobs.js';
import * as reasonCategories from './20261124_1200_reason_categories.js';
import * as callEndings from './20261201_2337_operations_call_endings.js';
import * as partnerRole from './20261201_2337_partner_role.js';
import * as carePlans from './20261201_2338_care_care_plans.js';
import * as partnerReferrals from './20261201_2338_partner_referrals.js';
import * as adminDestinationClosures from './20261201_2339_admin_destination_closures.js';
import * as plannedVisits from './20261202_0003_care_planned_visits.js';
import * as operationsAlerts from './20261202_0032_operations_alerts.js';
import * as partnerReferralAlerts from './20261202_0243_partner_referral_alerts.js';
import * as generatedCarePlans from './20261202_0338_stats_generated_care_plans.js';
import * as consoleUnitStatusSince from './20261202_0410_console_unit_status_since.js';
import * as waitingProposals from './20261203_1045_dispatch_waiting_proposals.js';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/** Every migration, oldest first. */
export const migrations: ReadonlyArray<readonly [name: string, migration: Migration]> = [
  ['20261123_0200_foundation', foundation],
  ['20261123_0300_stats', stats],
  ['20261123_0400_replay_jobs', replayJobs],
  ['20261123_0500_realtime_events', realtimeEvents],
  ['20261123_0600_idempotency_keys', idempotencyKeys],
  ['20261124_0900_decision_checks', decisionChecks],
  ['20261124_1000_throttling', throttling],
  ['20261124_1100_jobs', jobs],
  ['20261124_1200_reason_categories', reasonCategories],
  ['20261201_2337_operations_call_endings', callEndings],
  ['20261201_2337_partner_role', partnerRole],
  ['20261201_2338_care_care_plans', carePlans],
  ['20261201_2338_partner_referrals', partnerReferrals],
  ['20261201_2339_admin_destination_closures', adminDestinationClosures],
  ['20261202_0003_care_planned_visits', plannedVisits],
  ['20261202_0032_operations_alerts', operationsAlerts],
  ['20261202_0243_partner_referral_alerts', partnerReferralAlerts],
  ['20261202_0250_realtime_event_log', realtimeEventLog],
  ['20261202_0338_stats_generated_care_plans', generatedCarePlans],
  ['20261202_0339_auth_api_tokens', authApiTokens],
  ['20261202_0410_console_unit_status_since', consoleUnitStatusSince],
  ['20261203_1045_dispatch_waiting_proposals', waitingProposals],
];
